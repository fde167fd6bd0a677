package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketx.protocol.Entropy;
import io.socketx.protocol.EntropyPurpose;
import io.socketx.protocol.FixedEntropy;
import io.socketx.protocol.HybridKeyExchange;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published v2 vectors ({@code vectors/v2/<suite>.json}): a whole session with every random
 * input fixed, its derived secrets, and negative cases, each replayed byte for byte. Regenerate
 * only after a deliberate protocol change: {@code mvn -pl protocol test -Dtest=V2VectorTest
 * -Dsocketx.vectors.regenerate=true}.
 */
class V2VectorTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String PATHNAME = "/chat?room=1";
  private static final KeyLimits CLIENT_LIMITS = new KeyLimits(3, 1L << 36);
  private static final IdentityKey OTHER = V2Fixture.key("other");

  /** The client and proxy of one replay, built from a vector alone. */
  private record Sessions(ClientSession client, ServerSession server) {
    static Sessions of(Suite suite, JsonNode vector, Fingerprint pin, AesGcmProvider aesGcm) {
      Entropy fixed = new FixedEntropy(vector.get("entropy"));
      IdentityKey key =
          IdentityKey.fromPkcs8(HEX.parseHex(vector.get("identityKeyPkcs8").asText()));
      return new Sessions(
          new ClientSession(
              new ClientSettings(
                  suite,
                  PATHNAME,
                  Pins.of(pin),
                  ProtocolConstants.DEFAULT_DECODER_WINDOW,
                  CLIENT_LIMITS,
                  aesGcm),
              fixed),
          new ServerSession(
              new ServerSettings(
                  suite,
                  IdentityKeys.of(key),
                  ProtocolConstants.DEFAULT_DECODER_WINDOW,
                  KeyLimits.PROTOCOL,
                  aesGcm),
              fixed));
    }
  }

  private static ObjectNode seededEntropy(Suite suite) throws Exception {
    ObjectNode values = MAPPER.createObjectNode();
    for (EntropyPurpose p : EntropyPurpose.values()) {
      if (!p.label().startsWith("v2.") || (!suite.hasMlKem() && p.label().contains("mlkem"))) {
        continue;
      }
      int length =
          switch (p) {
            case V2_EEID -> 16;
            case V2_CLIENT_MLKEM_SEED -> 64;
            default -> 32;
          };
      byte[] seed =
          MessageDigest.getInstance("SHA-512")
              .digest(
                  ("socketx-v2 test vector/" + suite.wireName() + "/" + p.label())
                      .getBytes(StandardCharsets.US_ASCII));
      values.put(p.label(), HEX.formatHex(Arrays.copyOf(seed, length)));
    }
    return values;
  }

  private static String hex(ByteBuffer b) {
    return HEX.formatHex(V2Fixture.bytes(b));
  }

  private static ObjectNode step(ArrayNode flow, String from, String what, ByteBuffer record) {
    ObjectNode s = flow.addObject();
    s.put("from", from).put("record", what).put("hex", hex(record));
    return s;
  }

  /** Runs a whole session from the vector's inputs and records what a vector publishes. */
  private static ObjectNode run(Suite suite, ObjectNode inputs, AesGcmProvider aesGcm)
      throws Exception {
    Sessions s = Sessions.of(suite, inputs, V2Fixture.key("proxy").fingerprint(), aesGcm);
    ObjectNode out = inputs.deepCopy();
    ArrayNode flow = out.putArray("flow");

    ByteBuffer ch = s.client.start();
    step(flow, "client", "CLIENT_HELLO", ch);
    ByteBuffer sh = ((Event.Reply) s.server.receive(V2Fixture.copy(ch))).record();
    step(flow, "proxy", "SERVER_HELLO", sh);
    ByteBuffer cf = ((Event.Established) s.client.receive(V2Fixture.copy(sh))).clientFinished();
    step(flow, "client", "CLIENT_FINISHED seq 0", cf);
    assertThat(s.server.receive(V2Fixture.copy(cf)))
        .isEqualTo(new Event.UpstreamRequested(PATHNAME));
    ByteBuffer early = s.client.encode(MessageType.TEXT, V2Fixture.text("early hello")).get(0);
    step(flow, "client", "PROXY_DATA seq 1 (early, text \"early hello\")", early);
    assertThat(s.server.receive(V2Fixture.copy(early))).isInstanceOf(Event.EarlyDataHeld.class);
    ServerSession.UpstreamReady ready = s.server.upstreamConnected();
    assertThat(ready.earlyData()).extracting(V2Fixture::text).containsExactly("early hello");
    step(flow, "proxy", "UPSTREAM_CONNECTED seq 0", ready.upstreamConnected());
    s.client.receive(V2Fixture.copy(ready.upstreamConnected()));
    ByteBuffer down =
        s.server.encode(MessageType.BINARY, ByteBuffer.wrap(HEX.parseHex("000102fdfeff"))).get(0);
    step(flow, "proxy", "PROXY_DATA seq 1 (binary 000102fdfeff)", down);
    s.client.receive(V2Fixture.copy(down));
    ByteBuffer up = s.client.encode(MessageType.TEXT, V2Fixture.text("Hello, SocketX")).get(0);
    step(flow, "client", "PROXY_DATA seq 2 (text \"Hello, SocketX\")", up);
    s.server.receive(V2Fixture.copy(up));
    List<ByteBuffer> updated =
        s.client.encode(MessageType.TEXT, V2Fixture.text("after key update"));
    assertThat(updated).hasSize(2);
    step(flow, "client", "KEY_UPDATE seq 3 (the client's key limit is 3 records)", updated.get(0));
    step(
        flow,
        "client",
        "PROXY_DATA seq 4 under next(c_ap) (text \"after key update\")",
        updated.get(1));
    s.server.receive(V2Fixture.copy(updated.get(0)));
    assertThat(V2Fixture.text(s.server.receive(V2Fixture.copy(updated.get(1)))))
        .isEqualTo("after key update");
    ByteBuffer close = s.server.close(CloseNotice.upstream(1000, "done"));
    step(flow, "proxy", "CLOSE seq 2 (origin upstream, 1000, \"done\")", close);
    assertThat(s.client.receive(V2Fixture.copy(close))).isInstanceOf(Event.Closed.class);

    out.set("derived", derived(suite, inputs, ch, sh, aesGcm));
    out.set("negative", negativeCases(suite, inputs, flow, aesGcm));
    return out;
  }

  /** The key schedule of section 5, recomputed from the vector's inputs and records. */
  private static ObjectNode derived(
      Suite suite, JsonNode inputs, ByteBuffer ch, ByteBuffer sh, AesGcmProvider aesGcm)
      throws Exception {
    JsonNode e = inputs.get("entropy");
    HybridKeyExchange.ClientOffer offer =
        new HybridKeyExchange.ClientOffer(
            suite,
            HEX.parseHex(e.get("v2.client.x25519").asText()),
            suite.hasMlKem() ? HEX.parseHex(e.get("v2.client.mlkem-seed").asText()) : null);
    byte[] shBytes = V2Fixture.bytes(sh);
    int share = HelloLayout.serverShareLength(suite);
    byte[] serverX = Arrays.copyOfRange(shBytes, 24, 56);
    byte[] ct = suite.hasMlKem() ? Arrays.copyOfRange(shBytes, 56, share) : null;
    byte[] ikm = offer.agree(suite, serverX, ct).mlkemFirst();
    byte[] hs = KeySchedule.handshakeSecret(ikm);
    MessageDigest th = MessageDigest.getInstance("SHA-256");
    th.update(V2Fixture.bytes(ch));
    th.update(shBytes, 0, share);
    byte[] hShare = ((MessageDigest) th.clone()).digest();
    byte[] sHs = KeySchedule.expandLabel(hs, "s hs", hShare, 32);
    ByteBuffer identity = ByteBuffer.allocate(140);
    assertThat(
            AeadKey.opening(sHs, aesGcm)
                .open(
                    0,
                    Arrays.copyOf(shBytes, share),
                    ByteBuffer.wrap(shBytes, share, 156),
                    identity))
        .as("SERVER_HELLO's sealed part opens under key(s_hs)")
        .isTrue();
    th.update(identity.array());
    byte[] hFinished = th.digest();
    byte[] cAp = KeySchedule.expandLabel(hs, "c ap", hFinished, 32);
    byte[] sAp = KeySchedule.expandLabel(hs, "s ap", hFinished, 32);
    ObjectNode d = MAPPER.createObjectNode();
    d.put("ikm", HEX.formatHex(ikm));
    d.put("handshake_secret", HEX.formatHex(hs));
    d.put("H_share", HEX.formatHex(hShare));
    d.put("c_hs", HEX.formatHex(KeySchedule.expandLabel(hs, "c hs", hShare, 32)));
    d.put("s_hs", HEX.formatHex(sHs));
    d.put("H_finished", HEX.formatHex(hFinished));
    d.put("c_ap", HEX.formatHex(cAp));
    d.put("s_ap", HEX.formatHex(sAp));
    d.put("key(c_ap)", HEX.formatHex(KeySchedule.trafficKey(cAp)));
    d.put("iv(c_ap)", HEX.formatHex(KeySchedule.trafficIv(cAp)));
    d.put("next(c_ap)", HEX.formatHex(KeySchedule.nextSecret(cAp)));
    d.put("key(s_ap)", HEX.formatHex(KeySchedule.trafficKey(sAp)));
    d.put("iv(s_ap)", HEX.formatHex(KeySchedule.trafficIv(sAp)));
    return d;
  }

  private static ArrayNode negativeCases(
      Suite suite, JsonNode inputs, ArrayNode flow, AesGcmProvider aesGcm) throws Exception {
    String ch = flow.get(0).get("hex").asText();
    String sh = flow.get(1).get("hex").asText();
    String cf = flow.get(2).get("hex").asText();
    String early = flow.get(3).get("hex").asText();
    String connected = flow.get(4).get("hex").asText();
    String down = flow.get(5).get("hex").asText();
    String up = flow.get(6).get("hex").asText();
    ArrayNode cases = MAPPER.createArrayNode();
    addCase(
        cases,
        "tampered SERVER_HELLO (last byte ^ 0x01)",
        null,
        "AUTHENTICATION_FAILED",
        "client",
        flipLast(sh));
    addCase(
        cases,
        "tampered CLIENT_FINISHED (last byte ^ 0x01)",
        null,
        "AUTHENTICATION_FAILED",
        "proxy",
        ch,
        flipLast(cf));
    Sessions wrongPin = Sessions.of(suite, inputs, OTHER.fingerprint(), aesGcm);
    ByteBuffer pinnedHello = wrongPin.client.start();
    String answer = hex(((Event.Reply) wrongPin.server.receive(pinnedHello)).record());
    ObjectNode pinCase =
        addCase(
            cases,
            "client pinning another key gets the proxy's SERVER_HELLO",
            OTHER.fingerprint(),
            "PIN_MISMATCH",
            "client",
            answer);
    pinCase.put("clientHelloHex", hex(pinnedHello));
    addCase(
        cases,
        "reorder: c2s seq 2 before seq 1",
        null,
        "RECORD_REORDERED",
        "proxy",
        ch,
        cf,
        up,
        early);
    addCase(
        cases,
        "gap: c2s seq 1 missing, stream ends",
        null,
        "RECORD_GAP",
        "proxy",
        ch,
        cf,
        up,
        "END");
    addCase(
        cases, "replay: c2s seq 1 twice", null, "RECORD_REPLAYED", "proxy", ch, cf, early, early);
    addCase(
        cases,
        "truncation: no CLOSE before the stream ends",
        null,
        "TRUNCATED",
        "client",
        sh,
        connected,
        down,
        "END");
    Sessions flood = Sessions.of(suite, inputs, V2Fixture.key("proxy").fingerprint(), aesGcm);
    flood.server.receive(flood.client.start());
    String[] overLimit = new String[Wire.MAX_EARLY_RECORDS + 3];
    overLimit[0] = ch;
    overLimit[1] = cf;
    flood.client.receive(ByteBuffer.wrap(HEX.parseHex(sh)));
    for (int i = 2; i < overLimit.length; i++) {
      overLimit[i] =
          hex(
              flood.client.sender.seal(
                  RecordType.PROXY_DATA, MessageType.BINARY, ByteBuffer.allocate(0)));
    }
    addCase(
        cases,
        "early data: 257 PROXY_DATA records before UPSTREAM_CONNECTED",
        null,
        "EARLY_DATA_LIMIT",
        "proxy",
        overLimit);
    return cases;
  }

  private static String flipLast(String hex) {
    byte[] b = HEX.parseHex(hex);
    b[b.length - 1] ^= 1;
    return HEX.formatHex(b);
  }

  private static ObjectNode addCase(
      ArrayNode cases, String name, Fingerprint pin, String error, String to, String... records) {
    ObjectNode c = cases.addObject();
    c.put("name", name);
    if (pin != null) {
      c.put("clientPin", pin.toString());
    }
    c.put("deliverTo", to);
    ArrayNode r = c.putArray("records");
    Arrays.stream(records).forEach(r::add);
    c.put("error", error);
    return c;
  }

  /** Delivers a negative case's records to fresh sessions; the last one must fail as named. */
  private static void replay(Suite suite, JsonNode vector, JsonNode c, AesGcmProvider aesGcm)
      throws Exception {
    Fingerprint pin =
        c.has("clientPin")
            ? Fingerprint.parse(c.get("clientPin").asText())
            : Fingerprint.parse(vector.get("identityFingerprint").asText());
    Sessions s = Sessions.of(suite, vector, pin, aesGcm);
    ByteBuffer hello = s.client.start();
    if (c.has("clientHelloHex")) {
      assertThat(hex(hello)).isEqualTo(c.get("clientHelloHex").asText());
    }
    SessionCore target = c.get("deliverTo").asText().equals("client") ? s.client : s.server;
    List<String> records = new ArrayList<>();
    c.get("records").forEach(r -> records.add(r.asText()));
    String last = records.remove(records.size() - 1);
    for (String r : records) {
      target.receive(ByteBuffer.wrap(HEX.parseHex(r)));
    }
    assertThatThrownBy(
            () -> {
              if (last.equals("END")) {
                target.endOfStream();
              } else {
                target.receive(ByteBuffer.wrap(HEX.parseHex(last)));
              }
            })
        .as(c.get("name").asText())
        .isInstanceOf(ProtocolException.class)
        .extracting(e -> ((ProtocolException) e).error().name())
        .isEqualTo(c.get("error").asText());
  }

  /** Every suite with each AES-GCM provider: the records must not depend on the provider. */
  static Stream<Arguments> suitesAndProviders() {
    return Arrays.stream(Suite.values())
        .flatMap(suite -> AesGcmProviders.all().map(provider -> Arguments.of(suite, provider)));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("suitesAndProviders")
  void implementationReproducesThePublishedV2Vector(Suite suite, AesGcmProvider aesGcm)
      throws Exception {
    String file = "vectors/v2/" + suite.wireName() + ".json";
    if (Boolean.getBoolean("socketx.vectors.regenerate")) {
      ObjectNode inputs = MAPPER.createObjectNode();
      inputs.put(
          "description",
          "SocketX protocol v2 session, suite " + suite.wireName() + " (docs/protocol.md)");
      inputs.put("suite", suite.wireName());
      inputs.put("proxyMinimumSuite", suite.wireName());
      inputs.put("pathname", PATHNAME);
      inputs.put("clientKeyLimitRecords", CLIENT_LIMITS.records());
      IdentityKey key = V2Fixture.key("proxy");
      inputs.put("identityKeyPkcs8", HEX.formatHex(key.toPkcs8()));
      inputs.put("identityFingerprint", key.fingerprint().toString());
      inputs.set("entropy", seededEntropy(suite));
      Path target = Path.of("src/test/resources", file);
      Files.createDirectories(target.getParent());
      Files.writeString(target, MAPPER.writeValueAsString(run(suite, inputs, aesGcm)) + "\n");
    }
    JsonNode published;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
      assertThat(in).as("vector file %s", file).isNotNull();
      published =
          Boolean.getBoolean("socketx.vectors.regenerate")
              ? MAPPER.readTree(Path.of("src/test/resources", file).toFile())
              : MAPPER.readTree(in);
    }
    ObjectNode inputs = MAPPER.createObjectNode();
    published
        .fields()
        .forEachRemaining(
            f -> {
              if (!List.of("flow", "derived", "negative").contains(f.getKey())) {
                inputs.set(f.getKey(), f.getValue());
              }
            });

    ObjectNode actual = run(suite, inputs, aesGcm);

    assertThat(actual.get("flow")).isEqualTo(published.get("flow"));
    assertThat(actual.get("derived")).isEqualTo(published.get("derived"));
    assertThat(actual.get("negative")).isEqualTo(published.get("negative"));
    for (JsonNode c : published.get("negative")) {
      replay(suite, published, c, aesGcm);
    }
  }
}
