package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.Entropy;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** Deterministic keys, entropy and a client/proxy pair driven through the v2 handshake. */
final class V2Fixture {
  static final String PATHNAME = "/chat?room=1";
  private static final byte[] PKCS8_ED25519_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b657004220420");

  final ClientSession client;
  final ServerSession server;
  ByteBuffer clientHello;
  ByteBuffer serverHello;
  ByteBuffer clientFinished;

  V2Fixture(ClientSession client, ServerSession server) {
    this.client = client;
    this.server = server;
  }

  /** An identity key from a fixed 32-byte seed derived from {@code name}. */
  static IdentityKey key(String name) {
    byte[] seed = sha256("socketx v2 test identity " + name);
    byte[] der = new byte[PKCS8_ED25519_PREFIX.length + 32];
    System.arraycopy(PKCS8_ED25519_PREFIX, 0, der, 0, PKCS8_ED25519_PREFIX.length);
    System.arraycopy(seed, 0, der, PKCS8_ED25519_PREFIX.length, 32);
    return IdentityKey.fromPkcs8(der);
  }

  static final IdentityKey PROXY = key("proxy");

  /** Entropy whose every value is SHA-256 of a counter and a label: reproducible runs. */
  static Entropy entropy(String label) {
    int[] counter = {0};
    return (purpose, length) -> {
      byte[] out = new byte[length];
      int filled = 0;
      while (filled < length) {
        byte[] block = sha256(label + "/" + purpose.label() + "/" + counter[0]++);
        int n = Math.min(block.length, length - filled);
        System.arraycopy(block, 0, out, filled, n);
        filled += n;
      }
      return out;
    };
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static V2Fixture of(ClientSettings client, ServerSettings server, String label) {
    return new V2Fixture(
        new ClientSession(client, entropy(label + "/client")),
        new ServerSession(server, entropy(label + "/server")));
  }

  static V2Fixture pinned(Suite suite) {
    return of(
        ClientSettings.of(suite, PATHNAME, Pins.of(PROXY.fingerprint())),
        ServerSettings.of(Suite.X25519, IdentityKeys.of(PROXY)),
        suite.wireName());
  }

  /** Runs the handshake up to the proxy's UpstreamRequested; the client may send early data. */
  V2Fixture established() throws ProtocolException {
    clientHello = client.start();
    serverHello = ((Event.Reply) server.receive(copy(clientHello))).record();
    Event.Established established = (Event.Established) client.receive(copy(serverHello));
    clientFinished = established.clientFinished();
    assertThat(server.receive(copy(clientFinished)))
        .isEqualTo(new Event.UpstreamRequested(PATHNAME));
    return this;
  }

  /** The whole handshake, the upstream connected on both sides. */
  V2Fixture open() throws ProtocolException {
    established();
    ServerSession.UpstreamReady ready = server.upstreamConnected();
    assertThat(ready.earlyData()).isEmpty();
    assertThat(client.receive(ready.upstreamConnected()))
        .isInstanceOf(Event.UpstreamConnected.class);
    return this;
  }

  static ByteBuffer copy(ByteBuffer b) {
    return ByteBuffer.wrap(bytes(b));
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  static String text(Event event) {
    return StandardCharsets.UTF_8.decode(((Event.Data) event).payload()).toString();
  }

  /** One PROXY_DATA record (fails if a key update came with it). */
  static ByteBuffer data(SessionCore from, String message) throws ProtocolException {
    List<ByteBuffer> records = from.encode(MessageType.TEXT, text(message));
    assertThat(records).hasSize(1);
    return records.get(0);
  }
}
