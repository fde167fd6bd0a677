package io.socketx.contract.domainmap;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Any DOMAIN_MAP text either compiles into a route table or is rejected with an {@link
 * InvalidRoutesException} naming the problem; nothing else may escape, since a ConfigMap update
 * with it must leave the proxy on its last good routes. Most inputs are well-formed JSON with
 * hostile hosts, upstreams, origins and fields (so the validation is what gets fuzzed, not
 * Jackson's tokenizer); the rest are raw text. {@code JAZZER_FUZZ=1 mvn -pl contract test
 * -Dtest=DomainMapFuzzTest} fuzzes; {@code mvn verify} replays the corpus.
 */
class DomainMapFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FIELDS = {
    "upstream", "allowedOrigins", "pathPrefix", "headers", "timeouts", "weight", "unknown"
  };

  @FuzzTest(maxDuration = "60s")
  void anyDocumentCompilesOrIsRejectedWithANamedProblem(FuzzedDataProvider data) {
    String document = data.consumeBoolean() ? structured(data) : data.consumeRemainingAsString();
    try {
      RouteTable table = DomainMapParser.parse(document);
      if (table == null) {
        throw new IllegalStateException("parse returned null");
      }
    } catch (InvalidRoutesException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new IllegalStateException("rejection without a message", e);
      }
    }
  }

  private static String structured(FuzzedDataProvider data) {
    ObjectNode map = JSON.createObjectNode();
    int routes = data.consumeInt(0, 4);
    for (int r = 0; r < routes; r++) {
      ObjectNode route = map.putObject(data.consumeString(40));
      int fields = data.consumeInt(0, 4);
      for (int f = 0; f < fields; f++) {
        String field = data.pickValue(FIELDS);
        switch (data.consumeInt(0, 3)) {
          case 0 -> route.put(field, data.consumeString(80));
          case 1 -> route.put(field, data.consumeInt());
          case 2 -> {
            ArrayNode values = route.putArray(field);
            int n = data.consumeInt(0, 3);
            for (int i = 0; i < n; i++) {
              values.add(data.consumeString(60));
            }
          }
          default -> route.putNull(field);
        }
      }
    }
    return map.toString();
  }
}
