package io.socketx.billing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.socketx.billing.model.Dimension;
import io.socketx.billing.model.UsageKey;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Marketplace metering API (HTTPS on 127.0.0.1, {@link LoopbackTls}) with the real API's
 * rules: one event per resource, dimension and hour (409 with the accepted record for a second
 * one), at most 25 events per batch with a status per item, and scriptable outages (429, 500,
 * dropped connections, held requests).
 */
public final class FakeMeteringApi extends LoopbackServer {

  /** Scriptable failure of a whole request. */
  public enum Fault {
    NONE,
    HTTP_429,
    HTTP_500,
    /** Close the connection without an answer: the client sees a network error. */
    DROP,
    /** Hold the request until the fake closes: the client sees its own timeout. */
    HANG
  }

  /** An accepted event. */
  public record Accepted(String id, double quantity, String planId) {}

  private final String expectedToken;
  private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
  private final Set<Instant> expiredHours = ConcurrentHashMap.newKeySet();
  private final List<JsonNode> received = new ArrayList<>();
  private final AtomicInteger singleCalls = new AtomicInteger();
  private final AtomicInteger batchCalls = new AtomicInteger();
  private final List<Long> attempts = new CopyOnWriteArrayList<>();
  private final Queue<Fault> scripted = new ConcurrentLinkedQueue<>();
  private volatile Fault fault = Fault.NONE;
  private volatile String retryAfter;

  /** A fake that requires {@code Authorization: Bearer <expectedToken>}. */
  public FakeMeteringApi(String expectedToken) {
    super(0, true);
    this.expectedToken = expectedToken;
  }

  /** Every request fails with {@code fault} until set back to {@link Fault#NONE}. */
  public void fault(Fault fault) {
    this.fault = fault;
  }

  /** The next {@code times} requests fail with {@code fault}, before any standing fault. */
  public void failNext(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      scripted.add(fault);
    }
  }

  /** 429 answers carry {@code Retry-After: <value>} (null: none). */
  public void retryAfter(String value) {
    this.retryAfter = value;
  }

  /** Requests received, including those answered with a fault or a 401. */
  public int attempts() {
    return attempts.size();
  }

  /** {@link System#nanoTime()} at the arrival of each request. */
  public List<Long> attemptTimes() {
    return List.copyOf(attempts);
  }

  /** Events for this hour answer {@code Expired}. */
  public void expire(Instant hour) {
    expiredHours.add(hour);
  }

  /** Records an already accepted event (as if sent earlier by someone else). */
  public void preAccept(String resource, UsageKey key, double quantity) {
    accepted.put(
        id(resource, key.dimension().apiName(), key.hour()), new Accepted("pre", quantity, "plan"));
  }

  /** Accepted quantity per bucket for {@code resource}. */
  public Map<UsageKey, Double> billed(String resource) {
    Map<UsageKey, Double> billed = new TreeMap<>();
    accepted.forEach(
        (id, a) -> {
          String[] parts = id.split("\\|");
          if (parts[0].equals(resource) && !a.id().equals("pre")) {
            billed.put(
                new UsageKey(Instant.parse(parts[2]), Dimension.ofApiName(parts[1])), a.quantity());
          }
        });
    return billed;
  }

  /** Every event body received (accepted or not), in arrival order. */
  public synchronized List<JsonNode> received() {
    return List.copyOf(received);
  }

  public int singleCalls() {
    return singleCalls.get();
  }

  public int batchCalls() {
    return batchCalls.get();
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getQuery();
    if (!"POST".equals(exchange.getRequestMethod())
        || query == null
        || !query.contains("api-version=2018-08-31")) {
      send(exchange, 404, "{\"message\":\"not found\"}");
      return;
    }
    attempts.add(System.nanoTime());
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer " + expectedToken).equals(auth)) {
      send(exchange, 401, "{\"message\":\"unauthorized\"}");
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    Fault next = scripted.poll();
    switch (next != null ? next : fault) {
      case HTTP_429 -> {
        if (retryAfter != null) {
          exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        send(exchange, 429, "{\"message\":\"too many requests\"}");
        return;
      }
      case HTTP_500 -> {
        send(exchange, 500, "{\"message\":\"internal error\"}");
        return;
      }
      case DROP -> {
        return; // closing the exchange unanswered closes the connection
      }
      case HANG -> {
        hang();
        return;
      }
      default -> {}
    }
    if (path.equals("/api/usageEvent")) {
      singleCalls.incrementAndGet();
      Map<String, Object> result = process(body);
      String status = (String) result.get("status");
      switch (status) {
        case "Accepted" -> send(exchange, 200, result);
        case "Duplicate" -> send(exchange, 409, result.get("error"));
        default ->
            send(
                exchange,
                400,
                Map.of(
                    "code", "BadArgument",
                    "message", "One or more errors have occurred.",
                    "details",
                        List.of(
                            Map.of(
                                "message", "The usage event is expired: " + status,
                                "target", "effectiveStartTime",
                                "code", "BadArgument"))));
      }
    } else if (path.equals("/api/batchUsageEvent")) {
      batchCalls.incrementAndGet();
      JsonNode items = body.path("request");
      if (items.size() > 25) {
        send(exchange, 400, "{\"code\":\"BadArgument\",\"message\":\"more than 25 events\"}");
        return;
      }
      List<Map<String, Object>> results = new ArrayList<>();
      // Answer in reverse order: clients must match results by dimension and hour.
      for (int i = items.size() - 1; i >= 0; i--) {
        results.add(process(items.get(i)));
      }
      send(exchange, 200, Map.of("count", results.size(), "result", results));
    } else {
      send(exchange, 404, "{\"message\":\"not found\"}");
    }
  }

  private synchronized Map<String, Object> process(JsonNode event) {
    received.add(event);
    String resource =
        event.hasNonNull("resourceUri")
            ? event.path("resourceUri").asText()
            : event.path("resourceId").asText();
    String dimension = event.path("dimension").asText();
    Instant start = Instant.parse(event.path("effectiveStartTime").asText());
    double quantity = event.path("quantity").asDouble();
    String planId = event.path("planId").asText();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("messageTime", Instant.now().toString());
    result.put("resourceId", resource);
    result.put("quantity", quantity);
    result.put("dimension", dimension);
    // Like the real API: echo the start time without a zone designator.
    result.put("effectiveStartTime", start.toString().replace("Z", ""));
    result.put("planId", planId);
    String key = id(resource, dimension, start);
    Accepted previous = accepted.get(key);
    if (expiredHours.contains(start)) {
      result.put("status", "Expired");
      result.put("error", Map.of("code", "Expired", "message", "The usage event is too old."));
    } else if (previous != null) {
      result.put("status", "Duplicate");
      Map<String, Object> acceptedMessage = new LinkedHashMap<>();
      acceptedMessage.put("usageEventId", previous.id());
      acceptedMessage.put("status", "Duplicate");
      acceptedMessage.put("resourceId", resource);
      acceptedMessage.put("quantity", previous.quantity());
      acceptedMessage.put("dimension", dimension);
      acceptedMessage.put("effectiveStartTime", start.toString());
      acceptedMessage.put("planId", previous.planId());
      result.put(
          "error",
          Map.of(
              "additionalInfo", Map.of("acceptedMessage", acceptedMessage),
              "message", "This usage event already exist.",
              "code", "Conflict"));
    } else {
      String id = UUID.randomUUID().toString();
      accepted.put(key, new Accepted(id, quantity, planId));
      result.put("usageEventId", id);
      result.put("status", "Accepted");
    }
    return result;
  }

  /** Number of distinct buckets ever received. */
  public synchronized int distinctReceived() {
    Set<String> keys = new HashSet<>();
    for (JsonNode e : received) {
      keys.add(e.path("dimension").asText() + e.path("effectiveStartTime").asText());
    }
    return keys.size();
  }

  private static String id(String resource, String dimension, Instant hour) {
    return resource + "|" + dimension + "|" + hour;
  }
}
