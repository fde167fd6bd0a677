package io.socketx.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoDefaultsTest {

  @ParameterizedTest(name = "LISTEN_HOST=[{0}] -> {1}")
  @CsvSource(
      value = {
        "<unset>, 127.0.0.1",
        "'', 127.0.0.1",
        "'  ', 127.0.0.1",
        "0.0.0.0, 0.0.0.0",
        "::1, ::1",
      },
      nullValues = "<unset>")
  void demoBindsLoopbackUnlessListenHostIsSet(String listenHost, String expected) {
    Map<String, String> env = new HashMap<>(Map.of("LISTEN_PORT", "9000"));
    if (listenHost != null) {
      env.put("LISTEN_HOST", listenHost);
    }

    Map<String, String> applied = DemoDefaults.applyTo(env);

    assertThat(applied).containsEntry("LISTEN_HOST", expected).containsEntry("LISTEN_PORT", "9000");
  }

  @ParameterizedTest(name = "{0}=[{1}] -> {2}")
  @CsvSource(
      value = {
        "ADMIN_HOST, <unset>, 127.0.0.1",
        "ADMIN_HOST, 0.0.0.0, 0.0.0.0",
        "UPSTREAM_ALLOW, <unset>, loopback",
        "UPSTREAM_ALLOW, 10.0.0.0/8, 10.0.0.0/8",
      },
      nullValues = "<unset>")
  void demoAdminsOnLoopbackAndAllowsLoopbackUpstreamsUnlessSet(
      String key, String value, String expected) {
    Map<String, String> env = new HashMap<>();
    if (value != null) {
      env.put(key, value);
    }
    assertThat(DemoDefaults.applyTo(env)).containsEntry(key, expected);
  }
}
