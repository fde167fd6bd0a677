package io.socketx.contract.domainmap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamQueryTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "wss://host/ws?tenant=a",
        "ws://host?tenant=a",
        "wss://user:tenant=a@host/ws",
        "wss://host/ws#tenant=a"
      })
  void upstreamsWithQueryFragmentOrUserInfoAreRefusedWithoutQuotingThem(String url) {
    assertThatThrownBy(() -> DomainMapParser.upstream(url))
        .isInstanceOf(InvalidRoutesException.class)
        .hasMessageContaining("must not have user info, a query or a fragment")
        .hasMessageNotContaining("tenant=a");
  }
}
