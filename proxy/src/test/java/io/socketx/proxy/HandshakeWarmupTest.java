package io.socketx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.ServerSettings;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandshakeWarmupTest {

  @ParameterizedTest
  @EnumSource(Suite.class)
  void completesEveryHandshakeWhateverTheServersMinimumSuite(Suite minimum) {
    HandshakeWarmup.Result result =
        HandshakeWarmup.run(
            ServerSettings.of(minimum, IdentityKeys.of(IdentityKey.generate(new SecureRandom()))),
            3);

    assertThat(result.handshakes()).isEqualTo(3);
    assertThat(result.elapsed()).isPositive();
  }
}
