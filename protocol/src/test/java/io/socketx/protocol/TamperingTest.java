package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Changing any byte of a PROXY_DATA record is detected, and the original still decodes. */
class TamperingTest {

  private static DirectionKeys keys(int seed) {
    Random r = new Random(seed);
    byte[] key = new byte[32];
    byte[] iv = new byte[12];
    r.nextBytes(key);
    r.nextBytes(iv);
    return new DirectionKeys(key, iv);
  }

  @Test
  void flippingAnyBitOfAnyByteIsRejected() throws Exception {
    PayloadCodec sender = AesGcmCodec.factory().create(keys(1), keys(2), 1000);
    PayloadCodec receiver = AesGcmCodec.factory().create(keys(2), keys(1), 1000);
    byte[] payload = new byte[64];
    new Random(3).nextBytes(payload);
    ByteBuffer record = ByteBuffer.allocate(7 + sender.overhead() + payload.length);
    sender.encode(Action.PROXY_DATA, MessageType.BINARY, ByteBuffer.wrap(payload), record);
    byte[] original = record.array();

    for (int i = 0; i < original.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] tampered = original.clone();
        tampered[i] ^= (byte) (1 << bit);
        ByteBuffer dst = ByteBuffer.allocate(original.length);
        int index = i;
        assertThatThrownBy(
                () -> {
                  RecordHeader.peek(ByteBuffer.wrap(tampered));
                  receiver.decode(ByteBuffer.wrap(tampered), dst);
                })
            .as("byte %d bit %d", index, bit)
            .isInstanceOf(ProtocolException.class);
        assertThat(dst.position()).as("nothing written for byte %d", index).isZero();
      }
    }

    ByteBuffer dst = ByteBuffer.allocate(original.length);
    receiver.decode(ByteBuffer.wrap(original), dst);
    assertThat(SessionPair.bytes(dst.flip())).isEqualTo(payload);
  }

  @Test
  void truncatedAndExtendedRecordsAreRejected() throws Exception {
    PayloadCodec sender = AesGcmCodec.factory().create(keys(1), keys(2), 10);
    PayloadCodec receiver = AesGcmCodec.factory().create(keys(2), keys(1), 10);
    ByteBuffer record = ByteBuffer.allocate(7 + sender.overhead() + 5);
    sender.encode(Action.PROXY_DATA, MessageType.TEXT, ByteBuffer.wrap("hello".getBytes()), record);
    byte[] original = record.array();

    for (int len = 0; len < original.length; len++) {
      ByteBuffer cut = ByteBuffer.wrap(original, 0, len);
      assertThatThrownBy(() -> receiver.decode(cut, ByteBuffer.allocate(64)))
          .isInstanceOf(ProtocolException.class);
    }
    byte[] longer = java.util.Arrays.copyOf(original, original.length + 1);
    assertThatThrownBy(() -> receiver.decode(ByteBuffer.wrap(longer), ByteBuffer.allocate(64)))
        .isInstanceOf(ProtocolException.class)
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(ProtocolError.AUTHENTICATION_FAILED);
  }
}
