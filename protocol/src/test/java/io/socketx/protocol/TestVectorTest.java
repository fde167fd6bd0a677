package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks the implementation against the published vectors in {@code vectors/}: fixed random values
 * in, exact records and keys out. Run with {@code -Dsocketx.vectors.regenerate=true} to rewrite
 * them after a deliberate protocol change.
 */
class TestVectorTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String PATHNAME = "/chat?room=1";

  /** Wraps the open codec to capture the keys the schedule derived. */
  private static final class CapturingFactory implements PayloadCodecFactory {
    final Map<Direction, String[]> keys = new EnumMap<>(Direction.class);
    final boolean server;

    CapturingFactory(boolean server) {
      this.server = server;
    }

    @Override
    public String name() {
      return AesGcmCodec.NAME;
    }

    @Override
    public PayloadCodec create(DirectionKeys encoder, DirectionKeys decoder, int window) {
      keys.put(server ? Direction.S2C : Direction.C2S, hex(encoder));
      keys.put(server ? Direction.C2S : Direction.S2C, hex(decoder));
      return AesGcmCodec.factory().create(encoder, decoder, window);
    }

    private static String[] hex(DirectionKeys k) {
      return new String[] {HEX.formatHex(k.key()), HEX.formatHex(k.nonceBase())};
    }
  }

  private static String hex(ByteBuffer b) {
    return HEX.formatHex(SessionPair.bytes(b));
  }

  private static ObjectNode seededEntropy(Suite suite) throws Exception {
    ObjectNode values = MAPPER.createObjectNode();
    for (EntropyPurpose p : EntropyPurpose.values()) {
      int length =
          switch (p) {
            case EEID, C2S_PERSONALIZATION, S2C_PERSONALIZATION -> 16;
            case C2S_CLIENT_MLKEM_SEED, S2C_CLIENT_MLKEM_SEED -> 64;
            default -> 32;
          };
      if (p.label().startsWith("v2.") || (!suite.hasMlKem() && p.label().contains("mlkem"))) {
        continue;
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-512");
      byte[] seed =
          sha.digest(
              ("socketx-v1 test vector/" + suite.wireName() + "/" + p.label())
                  .getBytes(StandardCharsets.US_ASCII));
      values.put(p.label(), HEX.formatHex(java.util.Arrays.copyOf(seed, length)));
    }
    return values;
  }

  /** Runs a whole session with fixed entropy and records everything a vector publishes. */
  private static ObjectNode run(Suite suite, JsonNode entropy) throws Exception {
    Entropy fixed = new FixedEntropy(entropy);
    CapturingFactory clientCodec = new CapturingFactory(false);
    CapturingFactory serverCodec = new CapturingFactory(true);
    ClientSession client =
        new ClientSession(new ClientSettings(suite, PATHNAME, 1000, clientCodec), fixed);
    ServerSession server = new ServerSession(new SessionSettings(suite, 1000, serverCodec), fixed);

    ObjectNode out = MAPPER.createObjectNode();
    out.put("description", "SocketX protocol v1 session with suite " + suite.wireName());
    out.put("suite", suite.wireName());
    out.put("serverMinimumSuite", suite.wireName());
    out.put("pathname", PATHNAME);
    out.set("entropy", entropy);
    ObjectNode records = out.putObject("records");

    ByteBuffer request = client.start();
    records.put("REQUEST", hex(request));
    ByteBuffer response = ((ServerEvent.Reply) server.receive(request)).record();
    records.put("RESPONSE", hex(response));
    ByteBuffer pairRequest = ((ClientEvent.Reply) client.receive(response)).record();
    records.put("PAIR_REQUEST", hex(pairRequest));
    ByteBuffer pairResponse = ((ServerEvent.Reply) server.receive(pairRequest)).record();
    records.put("PAIR_RESPONSE", hex(pairResponse));
    ByteBuffer upstreamRequest = ((ClientEvent.Reply) client.receive(pairResponse)).record();
    records.put("UPSTREAM_CONNECTION_REQUEST", hex(upstreamRequest));
    assertThat(server.receive(upstreamRequest))
        .isEqualTo(new ServerEvent.UpstreamRequested(PATHNAME));
    ByteBuffer upstreamResponse = server.upstreamConnected();
    records.put("UPSTREAM_CONNECTION_RESPONSE", hex(upstreamResponse));
    assertThat(client.receive(upstreamResponse)).isInstanceOf(ClientEvent.Opened.class);

    MessageDigest th = MessageDigest.getInstance("SHA-256");
    for (String r : new String[] {"REQUEST", "RESPONSE", "PAIR_REQUEST", "PAIR_RESPONSE"}) {
      th.update(HEX.parseHex(records.get(r).asText()));
    }
    out.put("transcriptHash", HEX.formatHex(th.digest()));

    assertThat(clientCodec.keys).usingRecursiveComparison().isEqualTo(serverCodec.keys);
    ObjectNode keys = out.putObject("keys");
    for (Direction d : Direction.values()) {
      ObjectNode k = keys.putObject(d.label());
      k.put("key", clientCodec.keys.get(d)[0]);
      k.put("nonceBase", clientCodec.keys.get(d)[1]);
    }

    byte[] hello = "Hello, SocketX".getBytes(StandardCharsets.UTF_8);
    byte[] bin = HEX.parseHex("000102fdfeff");
    ObjectNode data = out.putObject("proxyData");
    ByteBuffer up = client.encode(MessageType.TEXT, ByteBuffer.wrap(hello));
    data.putObject("c2s-0-text").put("plaintext", HEX.formatHex(hello)).put("record", hex(up));
    ServerEvent.Data got = (ServerEvent.Data) server.receive(up);
    assertThat(SessionPair.bytes(got.payload())).isEqualTo(hello);
    ByteBuffer down = server.encode(MessageType.BINARY, ByteBuffer.wrap(bin));
    data.putObject("s2c-1-binary").put("plaintext", HEX.formatHex(bin)).put("record", hex(down));
    ClientEvent.Data back = (ClientEvent.Data) client.receive(down);
    assertThat(SessionPair.bytes(back.payload())).isEqualTo(bin);
    return out;
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void implementationReproducesThePublishedVector(Suite suite) throws Exception {
    String file = "vectors/" + suite.wireName() + ".json";
    if (Boolean.getBoolean("socketx.vectors.regenerate")) {
      Path target = Path.of("src/test/resources", file);
      Files.writeString(target, MAPPER.writeValueAsString(run(suite, seededEntropy(suite))) + "\n");
    }
    JsonNode published = load(file);

    ObjectNode actual = run(suite, published.get("entropy"));

    assertThat(actual.get("records")).isEqualTo(published.get("records"));
    assertThat(actual.get("transcriptHash")).isEqualTo(published.get("transcriptHash"));
    assertThat(actual.get("keys")).isEqualTo(published.get("keys"));
    assertThat(actual.get("proxyData")).isEqualTo(published.get("proxyData"));
  }

  private static JsonNode load(String resource) throws IOException {
    try (InputStream in = TestVectorTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("vector file %s", resource).isNotNull();
      return MAPPER.readTree(in);
    }
  }
}
