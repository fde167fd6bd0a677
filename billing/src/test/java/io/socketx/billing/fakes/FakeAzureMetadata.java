package io.socketx.billing.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fake Instance Metadata Service (plain HTTP, like the real one) and Resource Manager (HTTPS,
 * {@link LoopbackTls}) on 127.0.0.1: the node's resource group is managed by an application whose
 * billing details carry the resource usage id.
 */
public final class FakeAzureMetadata extends LoopbackServer {
  public static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
  public static final String GROUP = "mrg-socketx";
  public static final String MANAGED_BY =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/customer/providers/Microsoft.Solutions/applications/socketx";
  public static final String USAGE_ID = "9b5a3a2e-0d4c-4a8e-9d6b-1f2e3d4c5b6a";

  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile boolean instanceAvailable = true;
  private volatile boolean billingDetails = true;
  private final LoopbackServer resourceManager;

  public FakeAzureMetadata() {
    super(0);
    resourceManager =
        new LoopbackServer(0, true) {
          @Override
          protected void handle(HttpExchange exchange) throws IOException {
            answerResourceManager(exchange);
          }
        };
  }

  /** Base URL of Resource Manager ({@link #uri()} is the Instance Metadata Service's). */
  public URI armUri() {
    return resourceManager.uri();
  }

  @Override
  public void close() {
    resourceManager.close();
    super.close();
  }

  /** Makes the instance metadata endpoint answer 503. */
  public void instanceAvailable(boolean available) {
    this.instanceAvailable = available;
  }

  /** Whether the managing application exposes billingDetails.resourceUsageId. */
  public void billingDetails(boolean present) {
    this.billingDetails = present;
  }

  /** Paths requested so far. */
  public List<String> paths() {
    return List.copyOf(paths);
  }

  /** Authorization headers seen on Resource Manager calls. */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    paths.add(path);
    if (path.equals("/metadata/instance")) {
      if (!"true".equals(exchange.getRequestHeaders().getFirst("Metadata"))) {
        send(exchange, 400, "{\"error\":\"Bad request. Required metadata header not specified\"}");
      } else if (!instanceAvailable) {
        send(exchange, 503, "{}");
      } else {
        send(
            exchange,
            200,
            Map.of(
                "compute",
                Map.of(
                    "subscriptionId", SUBSCRIPTION,
                    "resourceGroupName", GROUP,
                    "location", "westeurope")));
      }
      return;
    }
    send(exchange, 404, "{\"error\":\"not an instance metadata path\"}");
  }

  private void answerResourceManager(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    paths.add(path);
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    if (path.equals("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP)) {
      send(
          exchange,
          200,
          Map.of("id", path, "name", GROUP, "managedBy", MANAGED_BY, "location", "westeurope"));
    } else if (path.equals(MANAGED_BY)) {
      send(
          exchange,
          200,
          billingDetails
              ? Map.of(
                  "id",
                  MANAGED_BY,
                  "properties",
                  Map.of("billingDetails", Map.of("resourceUsageId", USAGE_ID)))
              : Map.of("id", MANAGED_BY, "properties", Map.of()));
    } else {
      send(exchange, 404, "{\"error\":{\"code\":\"NotFound\"}}");
    }
  }
}
