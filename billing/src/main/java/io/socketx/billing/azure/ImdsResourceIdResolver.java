package io.socketx.billing.azure;

import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
  private final AzureJsonClient metadata;
  private final AzureJsonClient resourceManager;
  private volatile String resolved;

  /**
   * @param configured {@code AZURE_RESOURCE_ID}, or null
   * @param imds Instance Metadata Service base URL (plain HTTP, no token)
   * @param arm Azure Resource Manager base URL (HTTPS: bearer tokens are only sent over TLS)
   * @param credential credential used for Resource Manager calls (scope {@code <arm>/.default})
   * @param http timeouts, retries and TLS of the calls
   */
  public ImdsResourceIdResolver(
      String configured, URI imds, URI arm, TokenCredential credential, AzureHttp http) {
    this.configured = configured;
    this.imds = imds;
    this.arm = arm;
    this.metadata = http.client();
    this.resourceManager = http.client(new BearerTokenPolicy(credential, arm + "/.default"));
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
    } catch (IOException e) {
      throw unavailable(e.getMessage(), e);
    } catch (RuntimeException e) {
      CallFailure failure = CallFailure.of(e);
      throw unavailable(failure.reason() + ": " + failure.detail(), e);
    }
  }

  private ResourceIdUnavailableException unavailable(String why, Exception cause) {
    return new ResourceIdUnavailableException(
        "AZURE_RESOURCE_ID is not set and detection through the Instance Metadata Service at "
            + imds
            + " failed: "
            + why,
        cause);
  }

  private String detect() throws IOException {
    AzureJsonClient.Reply instance =
        metadata.get(
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
    AzureJsonClient.Reply rg =
        resourceManager.get(
            URI.create(
                arm
                    + "/subscriptions/"
                    + encode(subscription)
                    + "/resourceGroups/"
                    + encode(group)
                    + "?api-version=2021-04-01"),
            Map.of());
    if (rg.status() != 200) {
      throw new IOException("resource group " + group + " answered HTTP " + rg.status());
    }
    String managedBy = text(rg.body().path("managedBy"));
    if (managedBy == null || !managedBy.startsWith("/")) {
      throw new IOException("resource group " + group + " is not managed (no managedBy)");
    }
    AzureJsonClient.Reply app =
        resourceManager.get(URI.create(arm + managedBy + "?api-version=2019-07-01"), Map.of());
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
