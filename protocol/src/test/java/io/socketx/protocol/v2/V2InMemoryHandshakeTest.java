package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.Suite;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class V2InMemoryHandshakeTest {

  @ParameterizedTest
  @EnumSource(Suite.class)
  void bothSessionsEndOpenAndExchangeData(Suite suite) throws Exception {
    InMemoryHandshake pair =
        InMemoryHandshake.open(suite, IdentityKeys.of(V2Fixture.PROXY), new SecureRandom());

    assertThat(pair.client().canSend()).isTrue();
    assertThat(pair.server().canSend()).isTrue();
    assertThat(V2Fixture.text(pair.server().receive(V2Fixture.data(pair.client(), "ping"))))
        .isEqualTo("ping");
  }
}
