package io.socketx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.SessionSettings;
import io.socketx.protocol.Suite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandshakeWarmupTest {

  @ParameterizedTest
  @EnumSource(Suite.class)
  void completesEveryHandshakeWhateverTheServersMinimumSuite(Suite minimum) {
    HandshakeWarmup.Result result = HandshakeWarmup.run(SessionSettings.of(minimum), 3);

    assertThat(result.handshakes()).isEqualTo(3);
    assertThat(result.elapsed()).isPositive();
  }
}
