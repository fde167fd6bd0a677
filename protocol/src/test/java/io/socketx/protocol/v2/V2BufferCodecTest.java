package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records sealed into and opened in the caller's buffers (the proxy's pooled Netty buffers), with
 * each AES-GCM provider and both kinds of buffer: the bytes are those of the allocating API.
 */
class V2BufferCodecTest {
  private static final int OFFSET = 5;

  static Stream<Arguments> providersAndBuffers() {
    return AesGcmProviders.all()
        .flatMap(p -> Stream.of(Arguments.of(p, false), Arguments.of(p, true)));
  }

  /** Two sessions pairs drawing the same entropy: the same keys, so the same records. */
  private static V2Fixture twin(AesGcmProvider aesGcm, KeyLimits serverLimits) throws Exception {
    ClientSettings client =
        new ClientSettings(
            Suite.X25519,
            V2Fixture.PATHNAME,
            Pins.of(V2Fixture.PROXY.fingerprint()),
            1000,
            KeyLimits.PROTOCOL,
            aesGcm);
    ServerSettings server =
        new ServerSettings(
            Suite.X25519, IdentityKeys.of(V2Fixture.PROXY), 1000, serverLimits, aesGcm);
    return V2Fixture.of(client, server, "twin").open();
  }

  private static ByteBuffer buffer(int capacity, boolean direct) {
    return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
  }

  @ParameterizedTest(name = "{0}, direct {1}")
  @MethodSource("providersAndBuffers")
  void aRecordSealedIntoTheCallersBufferIsTheOneEncodeReturns(AesGcmProvider aesGcm, boolean direct)
      throws Exception {
    V2Fixture allocating = twin(aesGcm, KeyLimits.PROTOCOL);
    V2Fixture buffered = twin(aesGcm, KeyLimits.PROTOCOL);
    byte[] message = "sealed where the caller wants it".getBytes();
    ByteBuffer plaintext = buffer(message.length, direct).put(message).flip();
    ByteBuffer dst = buffer(OFFSET + Wire.sealedLength(message.length) + 3, direct);
    dst.position(OFFSET);

    buffered.server.encode(MessageType.BINARY, plaintext, dst);

    List<ByteBuffer> expected =
        allocating.server.encode(MessageType.BINARY, ByteBuffer.wrap(message));
    assertThat(dst.position()).isEqualTo(OFFSET + Wire.sealedLength(message.length));
    assertThat(plaintext.hasRemaining()).isFalse();
    assertThat(V2Fixture.bytes(dst.flip().position(OFFSET)))
        .isEqualTo(V2Fixture.bytes(expected.get(0)));
    Event.Data data = (Event.Data) buffered.client.receive(dst);
    assertThat(V2Fixture.bytes(data.payload())).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}, direct {1}")
  @MethodSource("providersAndBuffers")
  void aKeyUpdateThatIsDueMustBeSealedFirst(AesGcmProvider aesGcm, boolean direct)
      throws Exception {
    V2Fixture allocating = twin(aesGcm, new KeyLimits(3, 1 << 20));
    V2Fixture buffered = twin(aesGcm, new KeyLimits(3, 1 << 20));
    // UPSTREAM_CONNECTED was the first record under the key, one message fits before the update
    allocating.server.encode(MessageType.TEXT, V2Fixture.text("one"));
    buffered.server.encode(MessageType.TEXT, V2Fixture.text("one"), buffer(64, direct));
    assertThat(buffered.server.keyUpdateDue(3)).isTrue();
    assertThatThrownBy(
            () ->
                buffered.server.encode(MessageType.TEXT, V2Fixture.text("two"), buffer(64, direct)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("encodeKeyUpdate");

    ByteBuffer update = buffer(Wire.ENCRYPTED_OVERHEAD, direct);
    buffered.server.encodeKeyUpdate(update);
    ByteBuffer two = buffer(Wire.sealedLength(3), direct);
    buffered.server.encode(MessageType.TEXT, V2Fixture.text("two"), two);

    List<ByteBuffer> expected = allocating.server.encode(MessageType.TEXT, V2Fixture.text("two"));
    assertThat(expected).hasSize(2);
    assertThat(V2Fixture.bytes(update.flip())).isEqualTo(V2Fixture.bytes(expected.get(0)));
    assertThat(V2Fixture.bytes(two.flip())).isEqualTo(V2Fixture.bytes(expected.get(1)));
    assertThat(buffered.server.keyUpdateDue(3)).isFalse();
  }

  @ParameterizedTest(name = "{0}, direct {1}")
  @MethodSource("providersAndBuffers")
  void aWritableRecordIsOpenedInPlaceWhereItsCiphertextWas(AesGcmProvider aesGcm, boolean direct)
      throws Exception {
    V2Fixture pair = twin(aesGcm, KeyLimits.PROTOCOL);
    byte[] record = V2Fixture.bytes(V2Fixture.data(pair.client, "opened in place"));
    ByteBuffer buffer = buffer(OFFSET + record.length, direct);
    buffer.position(OFFSET).put(record).flip().position(OFFSET);

    Event.Data data = (Event.Data) pair.server.receive(buffer);

    assertThat(V2Fixture.text(data)).isEqualTo("opened in place");
    assertThat(data.payload().isDirect()).isEqualTo(direct);
    byte[] inPlace = new byte["opened in place".length()];
    buffer.get(OFFSET + Wire.PLAINTEXT_OFFSET, inPlace);
    assertThat(new String(inPlace)).isEqualTo("opened in place");
  }

  @ParameterizedTest(name = "{0}, direct {1}")
  @MethodSource("providersAndBuffers")
  void aReadOnlyRecordIsOpenedWithoutTouchingIt(AesGcmProvider aesGcm, boolean direct)
      throws Exception {
    V2Fixture pair = twin(aesGcm, KeyLimits.PROTOCOL);
    byte[] record = V2Fixture.bytes(V2Fixture.data(pair.client, "read only"));
    ByteBuffer buffer = buffer(record.length, direct).put(record).flip();

    Event.Data data = (Event.Data) pair.server.receive(buffer.asReadOnlyBuffer());

    assertThat(V2Fixture.text(data)).isEqualTo("read only");
    assertThat(V2Fixture.bytes(buffer)).isEqualTo(record);
  }

  @ParameterizedTest(name = "{0}, direct {1}")
  @MethodSource("providersAndBuffers")
  void aTamperedRecordFailsAuthenticationInEitherBuffer(AesGcmProvider aesGcm, boolean direct)
      throws Exception {
    V2Fixture pair = twin(aesGcm, KeyLimits.PROTOCOL);
    byte[] record = V2Fixture.bytes(V2Fixture.data(pair.client, "tampered"));
    record[record.length - 1] ^= 1;
    ByteBuffer buffer = buffer(record.length, direct).put(record).flip();

    assertThatThrownBy(() -> pair.server.receive(buffer))
        .isInstanceOf(io.socketx.protocol.ProtocolException.class)
        .hasMessageContaining("failed authentication");
  }
}
