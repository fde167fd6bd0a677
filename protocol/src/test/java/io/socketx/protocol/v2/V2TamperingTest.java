package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flipping any single bit-pattern in any handshake byte stops the handshake: the pathname is never
 * delivered and no side reaches the open state.
 */
class V2TamperingTest {

  private static byte[] flipped(ByteBuffer record, int index) {
    byte[] b = V2Fixture.bytes(record);
    b[index] ^= 0x5a;
    return b;
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void everyClientHelloByteIsBoundIntoTheHandshake(Suite suite) throws Exception {
    ByteBuffer honest = V2Fixture.pinned(suite).client.start();
    for (int i = 0; i < honest.remaining(); i++) {
      V2Fixture pair = V2Fixture.pinned(suite);
      pair.client.start();
      Event reply;
      try {
        reply = pair.server.receive(ByteBuffer.wrap(flipped(honest, i)));
      } catch (ProtocolException refusedByProxy) {
        continue;
      }
      try {
        pair.client.receive(((Event.Reply) reply).record());
        fail("client accepted a SERVER_HELLO answering a CLIENT_HELLO tampered at byte " + i);
      } catch (ProtocolException refusedByClient) {
        assertThat(pair.client.canSend()).isFalse();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void everyServerHelloByteIsAuthenticated(Suite suite) throws Exception {
    V2Fixture honest = V2Fixture.pinned(suite);
    ByteBuffer serverHello = ((Event.Reply) honest.server.receive(honest.client.start())).record();
    for (int i = 0; i < serverHello.remaining(); i++) {
      V2Fixture pair = V2Fixture.pinned(suite);
      pair.client.start();
      try {
        pair.client.receive(ByteBuffer.wrap(flipped(serverHello, i)));
        fail("client accepted a SERVER_HELLO tampered at byte " + i);
      } catch (ProtocolException expected) {
        assertThat(pair.client.canSend()).isFalse();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void everyClientFinishedByteIsAuthenticated(Suite suite) throws Exception {
    V2Fixture honest = V2Fixture.pinned(suite).established();
    for (int i = 0; i < honest.clientFinished.remaining(); i++) {
      V2Fixture pair = V2Fixture.pinned(suite);
      pair.serverHello = ((Event.Reply) pair.server.receive(pair.client.start())).record();
      pair.client.receive(pair.serverHello);
      try {
        Event event = pair.server.receive(ByteBuffer.wrap(flipped(honest.clientFinished, i)));
        fail("proxy accepted a CLIENT_FINISHED tampered at byte " + i + ": " + event);
      } catch (ProtocolException expected) {
        assertThat(pair.server.canSend()).isFalse();
      }
    }
  }
}
