package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InMemoryHandshakeTest {

  @ParameterizedTest
  @EnumSource(Suite.class)
  void leavesBothSessionsOpenOnTheOfferedSuite(Suite suite) throws Exception {
    InMemoryHandshake pair = InMemoryHandshake.open(suite, new SecureRandom());

    assertThat(pair.client().isOpen()).isTrue();
    assertThat(pair.server().isOpen()).isTrue();
    assertThat(pair.server().suite()).isEqualTo(suite);
    byte[] text = "over the pair".getBytes(StandardCharsets.UTF_8);
    ServerEvent.Data data =
        (ServerEvent.Data)
            pair.server().receive(pair.client().encode(MessageType.TEXT, ByteBuffer.wrap(text)));
    assertThat(SessionPair.bytes(data.payload())).isEqualTo(text);
  }

  @ParameterizedTest
  @EnumSource(
      value = Suite.class,
      names = {"X25519", "X25519_MLKEM512", "X25519_MLKEM768"})
  void settlesOnTheServersMinimumWhenTheClientPrefersAWeakerSuite(Suite preferred)
      throws Exception {
    SessionSettings strict = SessionSettings.of(Suite.X25519_MLKEM768);

    InMemoryHandshake pair = InMemoryHandshake.open(preferred, strict, new SecureRandom());

    assertThat(pair.server().suite()).isEqualTo(Suite.X25519_MLKEM768);
    assertThat(pair.client().suite()).isEqualTo(Suite.X25519_MLKEM768);
  }
}
