package io.socketx.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationGrammarTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "0, 0",
    "0s, 0",
    "250ms, 250000000",
    "1.5s, 1500000000",
    "500us, 500000",
    "7ns, 7",
    "1m30s, 90000000000",
    "2h, 7200000000000",
    "1h0m0.5s, 3600500000000",
    "0.0000000001s, 0"
  })
  void parsesTheGrammar(String text, long nanos) {
    assertThat(DurationGrammar.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    assertThat(Pattern.matches(DurationGrammar.PATTERN, text)).isTrue();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "30", "900", "-1s", "+1s", "1 s", ".5s", "5.s", "1µs", "1d", "s"})
  void rejectsWhatThePatternRejects(String text) {
    assertThat(Pattern.matches(DurationGrammar.PATTERN, text)).isFalse();
    assertThatThrownBy(() -> DurationGrammar.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"9999999999999999h", "2562048h", "99999999999999999999ns"})
  void rejectsDurationsTooLargeToHold(String text) {
    assertThat(Pattern.matches(DurationGrammar.PATTERN, text)).isTrue();
    assertThatThrownBy(() -> DurationGrammar.parse(text)).hasMessageContaining("too large");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0s", "1h", "1h30m", "1s500ms", "1ms1us1ns", "2h3m4s"})
  void formatIsParsedBack(String text) {
    Duration d = DurationGrammar.parse(text);
    assertThat(DurationGrammar.format(d)).isEqualTo(text);
  }
}
