package io.socketx.billing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "15m, 900000",
    "30s, 30000",
    "1h, 3600000",
    "1h30m, 5400000",
    "1.5h, 5400000",
    "250ms, 250",
    "2m3s, 123000",
    "0, 0"
  })
  void parsesGoDurations(String text, long millis) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "15", "m", "15min", "1h 30m", "-5s", "1d"})
  void rejectsMalformedDurations(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
