package io.socketx.protocol.v2;

import static io.socketx.protocol.v2.V2Fixture.data;
import static io.socketx.protocol.v2.V2Fixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Strict order (docs/protocol.md section 7), truncation, limits and sequence numbers. */
class V2OrderTest {

  private static V2Fixture open(int window) throws ProtocolException {
    return V2Fixture.of(
            ClientSettings.of(
                Suite.X25519, V2Fixture.PATHNAME, Pins.of(V2Fixture.PROXY.fingerprint())),
            new ServerSettings(
                Suite.X25519, IdentityKeys.of(V2Fixture.PROXY), window, KeyLimits.PROTOCOL),
            "order")
        .open();
  }

  private static void fails(ProtocolError error, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(ProtocolException.class)
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(error);
  }

  @Test
  void aReplayedRecordIsNamedReplay() throws Exception {
    V2Fixture pair = open(1000);
    ByteBuffer m1 = data(pair.client, "m1");
    pair.server.receive(V2Fixture.copy(m1));

    fails(ProtocolError.RECORD_REPLAYED, () -> pair.server.receive(m1));
  }

  @Test
  void aReorderedRecordIsWithheldThenNamedReorder() throws Exception {
    V2Fixture pair = open(1000);
    ByteBuffer m1 = data(pair.client, "m1");
    ByteBuffer m2 = data(pair.client, "m2");
    ByteBuffer m3 = data(pair.client, "m3");
    assertThat(text(pair.server.receive(m1))).isEqualTo("m1");

    assertThat(pair.server.receive(m3)).isInstanceOf(Event.Withheld.class);
    fails(ProtocolError.RECORD_REORDERED, () -> pair.server.receive(m2));
  }

  @Test
  void aMissingRecordIsAGapOnceTheWindowIsUsedUp() throws Exception {
    V2Fixture pair = open(3);
    data(pair.client, "dropped");
    assertThat(pair.server.receive(data(pair.client, "a"))).isInstanceOf(Event.Withheld.class);
    assertThat(pair.server.receive(data(pair.client, "b"))).isInstanceOf(Event.Withheld.class);

    fails(ProtocolError.RECORD_GAP, () -> pair.server.receive(data(pair.client, "c")));
  }

  @Test
  void aMissingRecordIsAGapWhenTheStreamEndsOrClosesWithoutIt() throws Exception {
    V2Fixture ending = open(1000);
    data(ending.client, "dropped");
    ending.server.receive(data(ending.client, "after"));
    fails(ProtocolError.RECORD_GAP, ending.server::endOfStream);

    V2Fixture closing = open(1000);
    data(closing.client, "dropped");
    closing.server.receive(data(closing.client, "after"));
    fails(
        ProtocolError.RECORD_GAP,
        () -> closing.server.receive(closing.client.close(CloseNotice.normal())));
  }

  @Test
  void aSessionEndingWithoutCloseIsTruncatedAndWithCloseIsNormal() throws Exception {
    V2Fixture cut = open(1000);
    cut.client.receive(data(cut.server, "partial answer"));
    fails(ProtocolError.TRUNCATED, cut.client::endOfStream);

    V2Fixture clean = open(1000);
    clean.client.receive(clean.server.close(CloseNotice.normal()));
    assertThat(clean.client.endOfStream()).isEqualTo(CloseNotice.normal());
    assertThatThrownBy(() -> data(clean.server, "after close"))
        .isInstanceOf(IllegalStateException.class);
    fails(ProtocolError.UNEXPECTED_ACTION, () -> clean.client.receive(ByteBuffer.allocate(40)));
  }

  @Test
  void upstreamCloseCodesCannotBeMistakenForSocketxCodes() throws Exception {
    V2Fixture pair = open(1000);
    Event.Closed closed =
        (Event.Closed) pair.client.receive(pair.server.close(CloseNotice.upstream(4011, "bye")));

    assertThat(closed.notice().origin()).isEqualTo(CloseNotice.Origin.UPSTREAM);
    assertThat(closed.notice()).isNotEqualTo(CloseNotice.of(ProtocolError.AUTHENTICATION_FAILED));
    assertThat(closed.notice().transportCode()).isEqualTo(1000);
    assertThat(CloseNotice.of(ProtocolError.AUTHENTICATION_FAILED).transportCode()).isEqualTo(4011);
  }

  @Test
  void sequenceNumbersAbove2To63AreOrdinaryUnsignedNumbers() throws Exception {
    V2Fixture pair = open(1000);
    long above = Long.MIN_VALUE + 5; // 2^63 + 5
    pair.client.jumpSequences(above);
    pair.server.jumpSequences(above);

    ByteBuffer m1 = data(pair.client, "m1");
    ByteBuffer m2 = data(pair.client, "m2");
    assertThat(m1.getLong(7)).isEqualTo(above);
    assertThat(text(pair.server.receive(V2Fixture.copy(m1)))).isEqualTo("m1");
    assertThat(text(pair.client.receive(data(pair.server, "back")))).isEqualTo("back");
    assertThat(text(pair.server.receive(m2))).isEqualTo("m2");
    assertThatThrownBy(() -> pair.server.receive(m1))
        .hasMessageContaining(Long.toUnsignedString(above))
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(ProtocolError.RECORD_REPLAYED);
  }

  @Test
  void theLastSequenceNumberIsNeverUsed() throws Exception {
    V2Fixture pair = open(1000);
    pair.client.jumpSequences(-2L); // 2^64 - 2
    pair.server.jumpSequences(-2L);

    assertThat(text(pair.server.receive(data(pair.client, "last")))).isEqualTo("last");
    fails(ProtocolError.SEQUENCE_EXHAUSTED, () -> data(pair.client, "one too many"));
  }

  @Test
  void aPeerThatIgnoresTheKeyLimitIsRefused() throws Exception {
    V2Fixture pair = open(1000);
    pair.server.receiveLimits(new KeyLimits(3, 1 << 20));
    for (int i = 0; i < 3; i++) {
      pair.server.receive(data(pair.client, "m" + i));
    }

    fails(ProtocolError.KEY_LIMIT_EXCEEDED, () -> pair.server.receive(data(pair.client, "m3")));
  }

  @Test
  void aRecordFromBeforeAKeyUpdateNoLongerAuthenticates() throws Exception {
    ClientSettings lowLimit =
        new ClientSettings(
            Suite.X25519,
            V2Fixture.PATHNAME,
            Pins.of(V2Fixture.PROXY.fingerprint()),
            1000,
            new KeyLimits(2, 1 << 20));
    V2Fixture pair =
        V2Fixture.of(
                lowLimit, ServerSettings.of(Suite.X25519, IdentityKeys.of(V2Fixture.PROXY)), "ku")
            .open();
    ByteBuffer old = data(pair.client, "old");
    pair.server.receive(V2Fixture.copy(old));
    var updated = pair.client.encode(MessageType.TEXT, V2Fixture.text("new"));
    assertThat(updated).hasSize(2);
    assertThat(pair.server.receive(updated.get(0))).isInstanceOf(Event.KeyUpdated.class);
    assertThat(text(pair.server.receive(updated.get(1)))).isEqualTo("new");

    fails(ProtocolError.AUTHENTICATION_FAILED, () -> pair.server.receive(old));
  }

  @Test
  void earlyDataBeyondTheLimitIsRefusedByBothSides() throws Exception {
    V2Fixture pair = V2Fixture.pinned(Suite.X25519).established();
    ByteBuffer big = ByteBuffer.allocate(Wire.MAX_EARLY_BYTES);
    pair.server.receive(pair.client.encode(MessageType.BINARY, big).get(0));

    assertThat(pair.client.canSendNow(1)).isFalse();
    assertThatThrownBy(() -> pair.client.encode(MessageType.BINARY, ByteBuffer.allocate(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("UPSTREAM_CONNECTED");
    ByteBuffer sneaked =
        pair.client.sender.seal(RecordType.PROXY_DATA, MessageType.BINARY, ByteBuffer.allocate(1));
    fails(ProtocolError.EARLY_DATA_LIMIT, () -> pair.server.receive(sneaked));
  }
}
