package io.socketx.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Whatever bytes arrive, a session answers with an event or a {@link ProtocolException} (which the
 * proxy turns into a close code); any other exception is a bug. The fuzzer first drives a real
 * handshake up to a point it chooses, then delivers its own bytes as the next record, so every
 * state of both state machines sees hostile input. Runs its corpus as a regression test in {@code
 * mvn verify}; {@code JAZZER_FUZZ=1 mvn -pl protocol test -Dtest=SessionFuzzTest} fuzzes.
 */
class SessionFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void serverSessionTurnsAnyRecordIntoAnEventOrAProtocolError(FuzzedDataProvider data) {
    Suite suite = data.pickValue(Suite.values());
    int honestRecords = data.consumeInt(0, 3);
    boolean readOnly = data.consumeBoolean();
    Random random = new Random(data.consumeLong());
    ClientSession client = new ClientSession(ClientSettings.of(suite, "/"), deterministic(random));
    ServerSession server =
        new ServerSession(SessionSettings.of(Suite.X25519), deterministic(random));
    try {
      ByteBuffer toServer = client.start();
      for (int i = 0; i < honestRecords; i++) {
        ServerEvent event = server.receive(toServer);
        if (event instanceof ServerEvent.UpstreamRequested) {
          client.receive(server.upstreamConnected());
          toServer = client.encode(MessageType.BINARY, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        } else if (event instanceof ServerEvent.Reply reply
            && client.receive(reply.record()) instanceof ClientEvent.Reply next) {
          toServer = next.record();
        }
      }
      ByteBuffer hostile = ByteBuffer.wrap(data.consumeRemainingAsBytes());
      server.receive(readOnly ? hostile.asReadOnlyBuffer() : hostile);
    } catch (ProtocolException expected) {
      // the documented way to reject input
    }
  }

  @FuzzTest(maxDuration = "60s")
  void clientSessionTurnsAnyRecordIntoAnEventOrAProtocolError(FuzzedDataProvider data) {
    Suite suite = data.pickValue(Suite.values());
    boolean answerFirst = data.consumeBoolean();
    Random random = new Random(data.consumeLong());
    ClientSession client = new ClientSession(ClientSettings.of(suite, "/"), deterministic(random));
    ServerSession server =
        new ServerSession(SessionSettings.of(Suite.X25519), deterministic(random));
    try {
      ByteBuffer first = client.start();
      if (answerFirst && server.receive(first) instanceof ServerEvent.Reply reply) {
        client.receive(reply.record());
      }
      client.receive(ByteBuffer.wrap(data.consumeRemainingAsBytes()));
    } catch (ProtocolException expected) {
      // the documented way to reject input
    }
  }

  private static Entropy deterministic(Random random) {
    return (purpose, length) -> {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      return bytes;
    };
  }
}
