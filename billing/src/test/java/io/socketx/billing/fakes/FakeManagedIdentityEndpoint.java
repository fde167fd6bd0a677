package io.socketx.billing.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fake App-Service-style managed identity endpoint ({@code IDENTITY_ENDPOINT} + {@code
 * IDENTITY_HEADER}) on the loopback port Surefire exported to the test JVM. Issues the token {@code
 * mi-token-for-<resource>}.
 */
public final class FakeManagedIdentityEndpoint extends LoopbackServer {
  public static final String HEADER_SECRET = "fake-identity-header";

  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

  /** Binds the port named by the {@code billing.identity.port} system property. */
  public FakeManagedIdentityEndpoint() {
    super(Integer.parseInt(System.getProperty("billing.identity.port")));
  }

  /** Token value issued for a resource. */
  public static String tokenFor(String resource) {
    return "mi-token-for-" + resource;
  }

  /** Query parameters of every token request. */
  public List<Map<String, String>> requests() {
    return List.copyOf(requests);
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/msi/token")) {
      send(exchange, 404, "{}");
      return;
    }
    if (!HEADER_SECRET.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
      send(exchange, 401, "{\"error\":\"missing X-IDENTITY-HEADER\"}");
      return;
    }
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        query.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    requests.add(query);
    String resource = query.getOrDefault("resource", "");
    send(
        exchange,
        200,
        Map.of(
            "access_token",
            tokenFor(resource),
            "expires_on",
            String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()),
            "resource",
            resource,
            "token_type",
            "Bearer"));
  }
}
