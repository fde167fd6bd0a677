package io.socketx.contract.domainmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginPolicyTest {

  @ParameterizedTest(name = "[{0}] with Origin {1} -> {2}")
  @CsvSource(
      nullValues = "NONE",
      value = {
        "*, https://any.site, true",
        "*, NONE, true",
        "*, null, true",
        "https://app.example.com, https://app.example.com, true",
        "https://app.example.com, HTTPS://APP.example.com, true",
        "https://app.example.com, https://app.example.com/, true",
        "https://app.example.com, https://app.example.com:443, true",
        "https://app.example.com, http://app.example.com, false",
        "https://app.example.com, https://app.example.com:8443, false",
        "https://app.example.com, https://evil.com, false",
        "https://app.example.com, NONE, false",
        "https://app.example.com:8443, https://app.example.com:8443, true",
        "https://*.example.com, https://a.example.com, true",
        "https://*.example.com, https://a.b.example.com, true",
        "https://*.example.com, https://example.com, false",
        "https://*.example.com, https://badexample.com, false",
        "https://*.example.com, http://a.example.com, false",
        "https://*.example.com, https://a.example.com.evil.com, false",
        "https://app.example.com;https://*.other.org, https://x.other.org, true",
        "'', https://app.example.com, false",
        "'', NONE, false"
      })
  void matchesOrigins(String entries, String origin, boolean allowed) {
    List<String> list = entries.isEmpty() ? List.of() : Arrays.asList(entries.split(";"));
    assertThat(OriginPolicy.of(list).allows(origin)).isEqualTo(allowed);
  }
}
