package io.socketx.billing.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the resource id: {@code AZURE_RESOURCE_ID} when configured; otherwise the Instance
 * Metadata Service (subscription and resource group of this node) followed by Azure Resource
 * Manager (the group's {@code managedBy}, then that resource's {@code billingDetails}). A
 * successful answer is cached for the life of the process.
 */
public final class ImdsResourceIdResolver implements ResourceIdSource {
  private static final Logger LOG = LoggerFactory.getLogger(ImdsResourceIdResolver.class);

  private final String configured;
  private final URI imds;
  private final URI arm;
  private final TokenCredential credential;
  private final JsonHttp http;
  private volatile String resolved;

  /**
   * @param configured {@code AZURE_RESOURCE_ID}, or null
   * @param imds Instance Metadata Service base URL
   * @param arm Azure Resource Manager base URL
   * @param credential credential used for Resource Manager calls
   * @param timeout timeout per call
   */
  public ImdsResourceIdResolver(
      String configured, URI imds, URI arm, TokenCredential credential, Duration timeout) {
    this.configured = configured;
    this.imds = imds;
    this.arm = arm;
    this.credential = credential;
    this.http = new JsonHttp(timeout);
  }

  @Override
  public String resourceId() throws ResourceIdUnavailableException {
    if (configured != null) {
      return configured;
    }
    String cached = resolved;
    if (cached != null) {
      return cached;
    }
    try {
      String id = detect();
      resolved = id;
      LOG.info("billing resource id detected through IMDS: {}", id);
      return id;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ResourceIdUnavailableException("interrupted while detecting the resource id", e);
    } catch (IOException | RuntimeException e) {
      throw new ResourceIdUnavailableException(
          "AZURE_RESOURCE_ID is not set and detection through the Instance Metadata Service at "
              + imds
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  private String detect() throws IOException, InterruptedException {
    JsonHttp.Response instance =
        http.get(
            URI.create(imds + "/metadata/instance?api-version=2021-02-01"),
            Map.of("Metadata", "true"));
    if (instance.status() != 200) {
      throw new IOException("instance metadata answered HTTP " + instance.status());
    }
    String subscription = text(instance.body().path("compute").path("subscriptionId"));
    String group = text(instance.body().path("compute").path("resourceGroupName"));
    if (subscription == null || group == null) {
      throw new IOException("instance metadata lacks compute.subscriptionId/resourceGroupName");
    }
    String token =
        credential.getTokenSync(new TokenRequestContext().addScopes(arm + "/.default")).getToken();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
    JsonHttp.Response rg =
        http.get(
            URI.create(
                arm
                    + "/subscriptions/"
                    + encode(subscription)
                    + "/resourceGroups/"
                    + encode(group)
                    + "?api-version=2021-04-01"),
            auth);
    if (rg.status() != 200) {
      throw new IOException("resource group " + group + " answered HTTP " + rg.status());
    }
    String managedBy = text(rg.body().path("managedBy"));
    if (managedBy == null || !managedBy.startsWith("/")) {
      throw new IOException("resource group " + group + " is not managed (no managedBy)");
    }
    JsonHttp.Response app = http.get(URI.create(arm + managedBy + "?api-version=2019-07-01"), auth);
    if (app.status() == 200) {
      String usageId =
          text(app.body().path("properties").path("billingDetails").path("resourceUsageId"));
      if (usageId != null) {
        return usageId;
      }
    }
    return managedBy;
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
