package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Drives whole record sequences between a v2 client and proxy while an attacker in the middle
 * drops, duplicates, swaps, corrupts or injects records, or cuts the stream. Whatever it does, each
 * side either fails with a {@link ProtocolException} or delivers exactly the messages the other
 * side sent, in order, with none missing before them — never a reordered, replayed or skipped one.
 * Runs its committed corpus in {@code mvn verify}; {@code JAZZER_FUZZ=1 mvn -pl protocol test
 * -Dtest=V2SequenceFuzzTest} fuzzes.
 */
class V2SequenceFuzzTest {

  /** One direction: records in flight and the messages sent and delivered so far. */
  private static final class Direction {
    final Deque<byte[]> inFlight = new ArrayDeque<>();
    final List<String> sent = new ArrayList<>();
    int delivered;
    boolean receiverFailed;
  }

  private final Direction up = new Direction();
  private final Direction down = new Direction();
  private ClientSession client;
  private ServerSession server;

  @FuzzTest(maxDuration = "60s")
  void noAttackOnTheRecordSequenceDeliversAMessageOutOfOrder(FuzzedDataProvider data) {
    Suite suite = data.pickValue(new Suite[] {Suite.X25519, Suite.X25519_MLKEM512});
    KeyLimits limits = new KeyLimits(data.consumeInt(2, 5), data.consumeInt(16, 64));
    client =
        new ClientSession(
            new ClientSettings(
                suite, "/f", Pins.of(V2Fixture.PROXY.fingerprint()), data.consumeInt(1, 4), limits),
            V2Fixture.entropy("fuzz-client"));
    server =
        new ServerSession(
            new ServerSettings(
                suite, IdentityKeys.of(V2Fixture.PROXY), data.consumeInt(1, 4), limits),
            V2Fixture.entropy("fuzz-server"));
    up.inFlight.add(V2Fixture.bytes(client.start()));
    // An honest prefix of the handshake lets short inputs reach every later state.
    int honestDeliveries = data.consumeInt(0, 4);
    for (int i = 0; i < honestDeliveries; i++) {
      Direction d = i % 2 == 0 ? up : down;
      deliver(d, d.inFlight.poll());
    }
    int steps = 0;
    while (data.remainingBytes() > 0 && steps++ < 64) {
      int op = data.consumeInt(0, 15);
      Direction d = data.consumeBoolean() ? up : down;
      switch (op) {
        case 0, 1, 2, 3, 4, 5 -> deliver(d, d.inFlight.poll());
        case 6, 7, 8, 9 -> send(d, "m" + d.sent.size());
        case 10 -> d.inFlight.poll(); // dropped
        case 11 -> replay(d);
        case 12 -> swap(d);
        case 13 -> deliver(d, corrupt(d.inFlight.poll(), data));
        case 14 -> deliver(d, data.consumeBytes(data.consumeInt(0, 80)));
        default -> endOfStream(d);
      }
    }
  }

  private void replay(Direction d) {
    byte[] next = d.inFlight.peek();
    if (next != null) {
      d.inFlight.addFirst(next.clone());
    }
  }

  private void swap(Direction d) {
    byte[] first = d.inFlight.poll();
    byte[] second = d.inFlight.poll();
    if (second != null) {
      d.inFlight.addFirst(first);
      d.inFlight.addFirst(second);
    } else if (first != null) {
      d.inFlight.addFirst(first);
    }
  }

  private static byte[] corrupt(byte[] record, FuzzedDataProvider data) {
    if (record == null || record.length == 0) {
      return record;
    }
    record[data.consumeInt(0, record.length - 1)] ^= (byte) data.consumeInt(1, 255);
    return record;
  }

  private void send(Direction d, String message) {
    SessionCore from = d == up ? client : server;
    if (!from.canSend() || (d == up && !client.canSendNow(message.length()))) {
      return;
    }
    try {
      for (ByteBuffer record :
          from.encode(
              MessageType.TEXT, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)))) {
        d.inFlight.add(V2Fixture.bytes(record));
      }
      d.sent.add(message);
    } catch (ProtocolException exhausted) {
      // cannot happen below 2^64 records; the sender would end the session
    } catch (IllegalStateException closedOrFailed) {
      // this side already sent CLOSE or failed
    }
  }

  private void endOfStream(Direction d) {
    SessionCore to = d == up ? server : client;
    try {
      to.endOfStream();
    } catch (ProtocolException truncatedOrGap) {
      d.receiverFailed = true;
    }
  }

  private void deliver(Direction d, byte[] record) {
    if (record == null || d.receiverFailed) {
      return;
    }
    SessionCore to = d == up ? server : client;
    Event event;
    try {
      event = to.receive(ByteBuffer.wrap(record));
    } catch (ProtocolException rejected) {
      d.receiverFailed = true;
      return;
    }
    if (event instanceof Event.Reply reply) {
      down.inFlight.add(V2Fixture.bytes(reply.record()));
    } else if (event instanceof Event.Established established) {
      up.inFlight.add(V2Fixture.bytes(established.clientFinished()));
    } else if (event instanceof Event.UpstreamRequested) {
      try {
        ServerSession.UpstreamReady ready = server.upstreamConnected();
        ready.earlyData().forEach(e -> checkInOrder(up, e.payload()));
        down.inFlight.add(V2Fixture.bytes(ready.upstreamConnected()));
      } catch (ProtocolException e) {
        throw new AssertionError("upstreamConnected failed", e);
      }
    } else if (event instanceof Event.Data delivered && !(to == server && !server.canSend())) {
      checkInOrder(d, delivered.payload());
    }
  }

  private static void checkInOrder(Direction d, ByteBuffer payload) {
    String got = StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
    assertThat(d.delivered).as("more messages delivered than sent").isLessThan(d.sent.size());
    assertThat(got)
        .as("message %d delivered in order", d.delivered)
        .isEqualTo(d.sent.get(d.delivered));
    d.delivered++;
  }
}
