package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SessionRoundTripTest {

  @ParameterizedTest
  @EnumSource(Suite.class)
  void everySuiteCompletesTheHandshakeAndAgreesOnTheSession(Suite suite) throws Exception {
    SessionPair pair = SessionPair.open(suite, suite);

    assertThat(pair.client.isOpen()).isTrue();
    assertThat(pair.server.isOpen()).isTrue();
    assertThat(pair.client.suite()).isEqualTo(suite);
    assertThat(pair.server.suite()).isEqualTo(suite);
    assertThat(pair.client.eeid()).isEqualTo(pair.server.eeid()).hasSize(22);
  }

  static Stream<Arguments> suitesAndSizes() {
    return Stream.of(Suite.values())
        .flatMap(s -> Stream.of(0, 1, 1024, 65_536).map(n -> Arguments.of(s, n)));
  }

  @ParameterizedTest
  @MethodSource("suitesAndSizes")
  void payloadsRoundTripBothWaysAsTextAndBinary(Suite suite, int size) throws Exception {
    SessionPair pair = SessionPair.open(suite, Suite.X25519);
    Random random = new Random(size);
    for (MessageType type : new MessageType[] {MessageType.TEXT, MessageType.BINARY}) {
      byte[] up = new byte[size];
      random.nextBytes(up);
      ByteBuffer record = pair.client.encode(type, ByteBuffer.wrap(up));
      assertThat(record.remaining()).isEqualTo(pair.client.encodedSize(size));
      ServerEvent.Data atServer = (ServerEvent.Data) pair.server.receive(record);
      assertThat(atServer.type()).isEqualTo(type);
      assertThat(SessionPair.bytes(atServer.payload())).isEqualTo(up);

      byte[] down = new byte[size];
      random.nextBytes(down);
      ClientEvent.Data atClient =
          (ClientEvent.Data) pair.client.receive(pair.server.encode(type, ByteBuffer.wrap(down)));
      assertThat(atClient.type()).isEqualTo(type);
      assertThat(SessionPair.bytes(atClient.payload())).isEqualTo(down);
    }
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void serverPicksTheClientsPreferredSuiteAtOrAboveItsMinimum(Suite minimum) throws Exception {
    SessionPair pair = SessionPair.open(Suite.X25519, minimum);

    assertThat(pair.server.suite()).isEqualTo(minimum);
    assertThat(pair.client.suite()).isEqualTo(minimum);
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void readOnlyRecordsAreDecodedIntoFreshMemory(Suite suite) throws Exception {
    SessionPair pair = SessionPair.open(suite, suite);
    byte[] up = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteBuffer record =
        pair.client.encode(MessageType.TEXT, ByteBuffer.wrap(up)).asReadOnlyBuffer();

    ServerEvent.Data data = (ServerEvent.Data) pair.server.receive(record);

    assertThat(SessionPair.bytes(data.payload())).isEqualTo(up);
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void recordsAtAnOffsetInsideALargerBufferDecodeInPlace(Suite suite) throws Exception {
    SessionPair pair = SessionPair.open(suite, suite);
    byte[] up = new byte[300];
    new Random(7).nextBytes(up);
    ByteBuffer record = pair.client.encode(MessageType.BINARY, ByteBuffer.wrap(up));
    ByteBuffer big = ByteBuffer.allocateDirect(record.remaining() + 50);
    big.position(20);
    big.put(record);
    big.flip().position(20);

    ServerEvent.Data data = (ServerEvent.Data) pair.server.receive(big);

    assertThat(SessionPair.bytes(data.payload())).isEqualTo(up);
    // the proxy relies on this layout: the plaintext overwrites the record from its start
    byte[] inPlace = new byte[up.length];
    big.get(20, inPlace);
    assertThat(inPlace).isEqualTo(up);
  }
}
