package io.socketx.contract.domainmap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the {@code DOMAIN_MAP} JSON object ({@code host -> {"upstream": "ws[s]://...",
 * "allowedOrigins": [...]}}) into a validated {@link RouteTable}.
 */
public final class DomainMapParser {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private DomainMapParser() {}

  /**
   * Parses and validates a domain map.
   *
   * @throws InvalidRoutesException naming the entry and the problem
   */
  public static RouteTable parse(String json) throws InvalidRoutesException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRoutesException("not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRoutesException("must be a JSON object of host -> route");
    }
    List<Route> routes = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      routes.add(route(field.getKey(), field.getValue()));
    }
    return RouteTable.of(routes);
  }

  private static Route route(String key, JsonNode node) throws InvalidRoutesException {
    String where = "entry '" + key + "': ";
    if (!node.isObject()) {
      throw new InvalidRoutesException(
          where + "must be an object with upstream and allowedOrigins");
    }
    JsonNode upstreamNode = node.get("upstream");
    if (upstreamNode == null || !upstreamNode.isTextual() || upstreamNode.asText().isBlank()) {
      throw new InvalidRoutesException(where + "missing \"upstream\" (a ws:// or wss:// URL)");
    }
    JsonNode originsNode = node.get("allowedOrigins");
    if (originsNode == null || !originsNode.isArray()) {
      throw new InvalidRoutesException(
          where + "missing \"allowedOrigins\" (a list; [\"*\"] allows any origin)");
    }
    List<String> origins = new ArrayList<>();
    for (JsonNode origin : originsNode) {
      if (!origin.isTextual()) {
        throw new InvalidRoutesException(where + "allowedOrigins must contain only strings");
      }
      origins.add(origin.asText().trim());
    }
    try {
      return new Route(key, upstream(upstreamNode.asText().trim()), origins(origins));
    } catch (InvalidRoutesException e) {
      throw new InvalidRoutesException(where + e.getMessage());
    }
  }

  /**
   * Checks a route key the way {@link RouteTable#of} does: {@code host[:port]}, {@code
   * *.suffix[:port]} or {@code *}.
   *
   * @throws InvalidRoutesException naming the problem
   */
  public static void checkHost(String key) throws InvalidRoutesException {
    RouteTable.keyOf(key);
  }

  /**
   * Validates an {@code allowedOrigins} list.
   *
   * @throws InvalidRoutesException naming the first invalid entry
   */
  public static OriginPolicy origins(List<String> entries) throws InvalidRoutesException {
    try {
      return OriginPolicy.of(entries);
    } catch (IllegalArgumentException e) {
      throw new InvalidRoutesException(e.getMessage());
    }
  }

  /**
   * Validates an upstream URL: {@code ws://} or {@code wss://}, a host, a port up to 65535, a path;
   * no user info, query or fragment, since the client's own path and query are appended to it. A
   * message quotes the URL without its query and user info, which may hold credentials.
   *
   * @throws InvalidRoutesException naming the problem
   */
  public static URI upstream(String value) throws InvalidRoutesException {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidRoutesException("upstream '" + redacted(value) + "' is not a URL");
    }
    String shown = redacted(value);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new InvalidRoutesException("upstream '" + shown + "' must use ws:// or wss://");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidRoutesException(
          "upstream '" + shown + "' must not have user info, a query or a fragment");
    }
    if (uri.getHost() == null) {
      throw new InvalidRoutesException("upstream '" + shown + "' has no host");
    }
    if (uri.getPort() > 65535 || uri.getPort() == 0) {
      throw new InvalidRoutesException("upstream '" + shown + "' has a port outside 1-65535");
    }
    return uri;
  }

  /** The URL with any user info, query and fragment cut out, for messages and logs. */
  static String redacted(String url) {
    String shown = url;
    int cut = indexOfAny(shown, "?#");
    if (cut >= 0) {
      shown = shown.substring(0, cut) + "?…";
    }
    int scheme = shown.indexOf("://");
    int at = shown.indexOf('@');
    int slash = shown.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    if (at >= 0 && (slash < 0 || at < slash)) {
      shown = shown.substring(0, scheme < 0 ? 0 : scheme + 3) + "…@" + shown.substring(at + 1);
    }
    return shown;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
