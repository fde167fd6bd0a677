package io.socketx.billing.azure;

import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketx.billing.model.UsageKey;
import io.socketx.billing.report.UsageEvent;
import io.socketx.billing.report.UsageReporter;
import io.socketx.billing.report.UsageResult;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports usage to the Azure Marketplace metering API: {@code usageEvent} for a single event,
 * {@code batchUsageEvent} (at most 25 per call) otherwise, and classifies every answer.
 */
public final class AzureMeteringReporter implements UsageReporter {
  /** The API's batch limit. */
  public static final int MAX_BATCH = 25;

  private static final Logger LOG = LoggerFactory.getLogger(AzureMeteringReporter.class);
  private static final String API_VERSION = "2018-08-31";
  private static final Set<String> PERMANENT_STATUSES =
      Set.of(
          "Expired",
          "ResourceNotFound",
          "ResourceNotAuthorized",
          "ResourceNotActive",
          "InvalidDimension",
          "InvalidQuantity",
          "BadArgument");

  private final URI endpoint;
  private final String planId;
  private final ResourceIdSource resourceIds;
  private final AzureJsonClient http;

  /**
   * @param endpoint metering API base URL (HTTPS: bearer tokens are only sent over TLS)
   * @param planId Marketplace plan id
   * @param credential token source for {@link AzureCredentials#METERING_SCOPE}
   * @param resourceIds the resource the usage belongs to
   * @param http timeouts, retries and TLS of the calls
   */
  public AzureMeteringReporter(
      URI endpoint,
      String planId,
      TokenCredential credential,
      ResourceIdSource resourceIds,
      AzureHttp http) {
    this.endpoint = endpoint;
    this.planId = planId;
    this.resourceIds = resourceIds;
    this.http = http.client(new BearerTokenPolicy(credential, AzureCredentials.METERING_SCOPE));
  }

  @Override
  public List<UsageResult> report(List<UsageEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    String resource;
    try {
      resource = resourceIds.resourceId();
    } catch (ResourceIdUnavailableException e) {
      return all(events, "resource_id", e.getMessage());
    }
    if (events.size() == 1) {
      return List.of(single(events.get(0), resource));
    }
    List<UsageResult> results = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i += MAX_BATCH) {
      results.addAll(batch(events.subList(i, Math.min(events.size(), i + MAX_BATCH)), resource));
    }
    return results;
  }

  private UsageResult single(UsageEvent event, String resource) {
    Attempt attempt = post("/api/usageEvent", body(event, resource));
    if (attempt.response() == null) {
      return UsageResult.transientFailure(
          event, attempt.failure().reason(), attempt.failure().detail());
    }
    AzureJsonClient.Reply response = attempt.response();
    int status = response.status();
    JsonNode body = response.body();
    if (status == 200 || status == 201) {
      return classifyItem(event, body);
    }
    if (status == 409) {
      return duplicate(event, body);
    }
    if (status == 400) {
      String reason = permanentReason(body);
      return UsageResult.rejected(event, reason, errorText(body));
    }
    return httpFailure(event, status, body);
  }

  private List<UsageResult> batch(List<UsageEvent> events, String resource) {
    ObjectNode request = AzureJsonClient.MAPPER.createObjectNode();
    ArrayNode items = request.putArray("request");
    events.forEach(e -> items.add(body(e, resource)));
    Attempt attempt = post("/api/batchUsageEvent", request);
    if (attempt.response() == null) {
      return all(events, attempt.failure().reason(), attempt.failure().detail());
    }
    AzureJsonClient.Reply response = attempt.response();
    if (response.status() != 200) {
      if (response.status() == 400) {
        return events.stream()
            .map(
                e ->
                    UsageResult.rejected(
                        e, permanentReason(response.body()), errorText(response.body())))
            .toList();
      }
      return events.stream().map(e -> httpFailure(e, response.status(), response.body())).toList();
    }
    // Match results to events by dimension and hour: the API does not promise to keep the order.
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode item : response.body().path("result")) {
      UsageKey key = keyOf(item);
      if (key != null) {
        byKey.put(key.id(), item);
      }
    }
    List<UsageResult> results = new ArrayList<>(events.size());
    for (UsageEvent e : events) {
      JsonNode item = byKey.get(e.key().id());
      results.add(
          item == null
              ? UsageResult.transientFailure(e, "missing_result", "no result for " + e.key())
              : classifyItem(e, item));
    }
    return results;
  }

  /** A call's response, or why there is none (a transient failure). */
  private record Attempt(AzureJsonClient.Reply response, CallFailure failure) {}

  private Attempt post(String path, ObjectNode body) {
    // The API keeps one event per resource, dimension and hour: a retried POST whose first
    // attempt was accepted is answered as a duplicate with the same quantity, which is success.
    try {
      return new Attempt(
          http.post(URI.create(endpoint + path + "?api-version=" + API_VERSION), headers(), body),
          null);
    } catch (RuntimeException e) {
      return new Attempt(null, CallFailure.of(e));
    }
  }

  private UsageResult classifyItem(UsageEvent event, JsonNode item) {
    String status = item.path("status").asText("");
    switch (status) {
      case "Accepted":
        return UsageResult.accepted(event, item.path("usageEventId").asText(""));
      case "Duplicate":
        return duplicate(event, item.path("error"));
      case "Error":
        return UsageResult.transientFailure(event, "Error", errorText(item.path("error")));
      default:
        String reason = PERMANENT_STATUSES.contains(status) ? status : "other";
        return UsageResult.rejected(event, reason, status + ": " + errorText(item.path("error")));
    }
  }

  private static UsageResult duplicate(UsageEvent event, JsonNode error) {
    JsonNode accepted = error.path("additionalInfo").path("acceptedMessage");
    JsonNode quantity = accepted.path("quantity");
    double q = quantity.isNumber() ? quantity.asDouble() : Double.NaN;
    return UsageResult.duplicate(event, q, accepted.path("usageEventId").asText(""));
  }

  private static UsageResult httpFailure(UsageEvent event, int status, JsonNode body) {
    String detail = "HTTP " + status + " " + errorText(body);
    if (status == 429) {
      return UsageResult.transientFailure(event, "http_429", detail);
    }
    if (status >= 500) {
      return UsageResult.transientFailure(event, "http_5xx", detail);
    }
    if (status == 401 || status == 403 || status == 408) {
      // Authorization may be granted later (role assignment propagation): keep retrying until
      // the hour leaves the API's 24-hour window.
      return UsageResult.transientFailure(event, "http_" + status, detail);
    }
    return UsageResult.rejected(event, "http_" + status, detail);
  }

  private static String permanentReason(JsonNode body) {
    String text = body.toString().toLowerCase();
    if (text.contains("expired") || text.contains("older than")) {
      return "Expired";
    }
    String code = body.path("code").asText("");
    return PERMANENT_STATUSES.contains(code) ? code : "http_400";
  }

  private static String errorText(JsonNode body) {
    if (body.isMissingNode()) {
      return "";
    }
    String message = body.path("message").asText("");
    return message.isEmpty() ? truncate(body.toString()) : truncate(message);
  }

  private static String truncate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static UsageKey keyOf(JsonNode item) {
    try {
      String start = item.path("effectiveStartTime").asText("");
      Instant instant;
      try {
        instant = Instant.parse(start);
      } catch (DateTimeParseException e) {
        // The API echoes times without a zone; they are UTC.
        instant = LocalDateTime.parse(start).toInstant(ZoneOffset.UTC);
      }
      return UsageKey.at(
          instant.truncatedTo(ChronoUnit.HOURS),
          io.socketx.billing.model.Dimension.ofApiName(item.path("dimension").asText("")));
    } catch (RuntimeException e) {
      LOG.debug("unmatched batch result item {}", item, e);
      return null;
    }
  }

  private ObjectNode body(UsageEvent event, String resource) {
    ObjectNode node = AzureJsonClient.MAPPER.createObjectNode();
    // Kubernetes apps and managed apps are identified by their ARM resource URI; SaaS-style
    // resource usage ids (GUIDs) go in resourceId.
    node.put(resource.startsWith("/") ? "resourceUri" : "resourceId", resource);
    node.put("quantity", event.quantity());
    node.put("dimension", event.key().dimension().apiName());
    node.put("effectiveStartTime", event.key().hour().toString());
    node.put("planId", planId);
    return node;
  }

  private static Map<String, String> headers() {
    String id = UUID.randomUUID().toString();
    return Map.of("x-ms-requestid", id, "x-ms-correlationid", id);
  }

  private static List<UsageResult> all(List<UsageEvent> events, String reason, String detail) {
    return events.stream().map(e -> UsageResult.transientFailure(e, reason, detail)).toList();
  }
}
