package io.socketx.proxy.route;

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
    URI upstream = upstream(where, upstreamNode.asText().trim());
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
      return new Route(key, upstream, OriginPolicy.of(origins));
    } catch (IllegalArgumentException e) {
      throw new InvalidRoutesException(where + e.getMessage());
    }
  }

  private static URI upstream(String where, String value) throws InvalidRoutesException {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidRoutesException(where + "upstream '" + value + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new InvalidRoutesException(where + "upstream '" + value + "' must use ws:// or wss://");
    }
    if (uri.getHost() == null) {
      throw new InvalidRoutesException(where + "upstream '" + value + "' has no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new InvalidRoutesException(
          where + "upstream '" + value + "' must not have user info, a query or a fragment");
    }
    return uri;
  }
}
