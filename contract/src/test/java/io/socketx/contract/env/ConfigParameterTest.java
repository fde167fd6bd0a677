package io.socketx.contract.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigParameterTest {

  @Test
  void unsetOrBlankGivesTheDefault() {
    assertThat(ProxyEnv.WRITE_TIMEOUT.read(Map.of())).isEqualTo(Duration.ofSeconds(10));
    assertThat(ProxyEnv.WRITE_TIMEOUT.read(Map.of("WRITE_TIMEOUT", "  ")))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @ParameterizedTest(name = "{0}={1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "WRITE_TIMEOUT | 2h | must be between 0s and 1h, got 2h",
        "CLIENT_PONG_TIMEOUT | 500us | must be between 1ms and 1h, got 500us",
        "CLIENT_PING_INTERVAL | 30 | is not a duration",
        "USE_CONSOLE_LOGS | yes | is not true or false",
        "WS_READ_BUFFER_SIZE | 1e3 | is not an integer",
        "MTE_KYBER_STRENGTH | 256 | must be one of [0, 512, 768, 1024], got 256",
        "LOG_LEVEL | trace | must be one of",
        "DOMAIN_MAP_CONFIGMAP_NAME | Bad_Name | is not a valid ConfigMap name"
      })
  void aBadValueNamesTheVariableAndTheProblem(String key, String value, String problem) {
    ConfigParameter<?> parameter = parameter(key);
    assertThat(parameter.problemWith(value))
        .hasValueSatisfying(p -> assertThat(p).contains(problem));
    assertThatThrownBy(() -> parameter.read(Map.of(key, value)))
        .isInstanceOfSatisfying(
            InvalidParameterException.class, e -> assertThat(e.variable()).isEqualTo(key))
        .hasMessageStartingWith(key + ": ");
  }

  @Test
  void booleansAreTrueOrFalseInAnyCase() {
    assertThat(ProxyEnv.USE_CONSOLE_LOGS.read(Map.of("USE_CONSOLE_LOGS", "TRUE"))).isTrue();
    assertThat(ProxyEnv.USE_CONSOLE_LOGS.read(Map.of("USE_CONSOLE_LOGS", "false"))).isFalse();
  }

  private static ConfigParameter<?> parameter(String key) {
    return switch (key) {
      case "WRITE_TIMEOUT" -> ProxyEnv.WRITE_TIMEOUT;
      case "CLIENT_PONG_TIMEOUT" -> ProxyEnv.CLIENT_PONG_TIMEOUT;
      case "CLIENT_PING_INTERVAL" -> ProxyEnv.CLIENT_PING_INTERVAL;
      case "USE_CONSOLE_LOGS" -> ProxyEnv.USE_CONSOLE_LOGS;
      case "WS_READ_BUFFER_SIZE" -> ProxyEnv.READ_BUFFER_SIZE;
      case "MTE_KYBER_STRENGTH" -> ProxyEnv.KYBER_STRENGTH;
      case "LOG_LEVEL" -> ProxyEnv.LOG_LEVEL;
      default -> ProxyEnv.CONFIGMAP_NAME;
    };
  }
}
