package io.socketx.protocol.v2;

import static io.socketx.protocol.v2.V2Fixture.data;
import static io.socketx.protocol.v2.V2Fixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class V2RoundTripTest {

  @ParameterizedTest
  @EnumSource(Suite.class)
  void messagesFlowBothWaysAndTheSessionEndsWithAnAuthenticatedClose(Suite suite) throws Exception {
    SecureRandom random = new SecureRandom();
    IdentityKey key = IdentityKey.generate(random);
    ClientSession client =
        new ClientSession(
            ClientSettings.of(suite, "/chat?room=1", Pins.of(key.fingerprint())), random);
    ServerSession server =
        new ServerSession(ServerSettings.of(suite, IdentityKeys.of(key)), random);
    V2Fixture pair = new V2Fixture(client, server).open();

    assertThat(client.proxyIdentity()).isEqualTo(key.fingerprint());
    assertThat(client.eeid()).isEqualTo(server.eeid()).hasSize(22);
    for (int i = 0; i < 3; i++) {
      assertThat(text(server.receive(data(client, "up " + i)))).isEqualTo("up " + i);
      assertThat(text(client.receive(data(server, "down " + i)))).isEqualTo("down " + i);
    }
    ByteBuffer binary =
        server.encode(MessageType.BINARY, ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff})).get(0);
    Event.Data got = (Event.Data) client.receive(binary.asReadOnlyBuffer());
    assertThat(got.type()).isEqualTo(MessageType.BINARY);
    assertThat(V2Fixture.bytes(got.payload())).containsExactly(0, 1, 0xff);

    ByteBuffer close = server.close(CloseNotice.upstream(4011, "upstream says bye"));
    assertThat(client.receive(close))
        .isEqualTo(
            new Event.Closed(
                new CloseNotice(CloseNotice.Origin.UPSTREAM, 4011, "upstream says bye")));
    assertThat(client.endOfStream().origin()).isEqualTo(CloseNotice.Origin.UPSTREAM);
    assertThat(pair.client.endOfStream().transportCode()).isEqualTo(1000);
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void handshakeRecordsHaveTheSizesTheSpecStates(Suite suite) throws Exception {
    V2Fixture pair = V2Fixture.pinned(suite).established();
    int ek = suite.mlkemPublicKeyLength();
    int ct = suite.mlkemCiphertextLength();
    assertThat(pair.clientHello.remaining()).isEqualTo(41 + 8 + ek);
    assertThat(pair.serverHello.remaining()).isEqualTo(212 + ct);
    assertThat(pair.clientFinished.remaining()).isEqualTo(63 + V2Fixture.PATHNAME.length());
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void earlyDataIsHeldInOrderAndReleasedWhenTheUpstreamConnects(Suite suite) throws Exception {
    V2Fixture pair = V2Fixture.pinned(suite).established();
    for (int i = 0; i < 3; i++) {
      assertThat(pair.server.receive(data(pair.client, "early " + i)))
          .isEqualTo(new Event.EarlyDataHeld(i + 1, ("early " + i).length() * (i + 1L)));
    }

    ServerSession.UpstreamReady ready = pair.server.upstreamConnected();

    assertThat(ready.earlyData())
        .extracting(V2Fixture::text)
        .containsExactly("early 0", "early 1", "early 2");
    assertThat(pair.client.receive(ready.upstreamConnected()))
        .isInstanceOf(Event.UpstreamConnected.class);
    assertThat(text(pair.server.receive(data(pair.client, "later")))).isEqualTo("later");
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void aLoweredLimitMakesEachSenderUpdateItsKey(Suite suite) throws Exception {
    ClientSettings clientSettings =
        new ClientSettings(
            suite,
            V2Fixture.PATHNAME,
            Pins.of(V2Fixture.PROXY.fingerprint()),
            1000,
            new KeyLimits(3, 1 << 20));
    ServerSettings serverSettings =
        new ServerSettings(suite, IdentityKeys.of(V2Fixture.PROXY), 1000, new KeyLimits(1000, 20));
    V2Fixture pair = V2Fixture.of(clientSettings, serverSettings, "limits").established();
    pair.client.receive(pair.server.upstreamConnected().upstreamConnected());
    assertThat(keyUpdates(pair.client, pair.server, "c", 12))
        .as("client key updates, 2 data records per key")
        .isEqualTo(5);
    assertThat(keyUpdates(pair.server, pair.client, "down-", 6))
        .as("6-byte messages, 20 bytes per key: 3 per key")
        .isEqualTo(1);
  }

  /** Sends {@code count} messages and returns how many KEY_UPDATE records came with them. */
  private static int keyUpdates(SessionCore from, SessionCore to, String prefix, int count)
      throws Exception {
    int updates = 0;
    for (int i = 0; i < count; i++) {
      for (ByteBuffer record : from.encode(MessageType.TEXT, V2Fixture.text(prefix + i))) {
        Event e = to.receive(record);
        if (e instanceof Event.KeyUpdated) {
          updates++;
        } else {
          assertThat(text(e)).isEqualTo(prefix + i);
        }
      }
    }
    return updates;
  }
}
