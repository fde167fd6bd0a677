package io.socketx.operator;

import io.socketx.contract.env.ConfigParameter;
import io.socketx.contract.env.InvalidParameterException;
import io.socketx.contract.env.ProxyEnv;
import java.util.Map;

/**
 * Chooses the log format and level before Logback starts: JSON lines by default, human-readable
 * with USE_CONSOLE_LOGS=true, level from LOG_LEVEL — read with the same parameters as the proxy.
 */
final class LoggingSetup {
  static void apply(Map<String, String> env) {
    boolean console = readOrDefault(ProxyEnv.USE_CONSOLE_LOGS, env);
    System.setProperty("socketx.log.appender", console ? "CONSOLE" : "JSON");
    System.setProperty("socketx.log.level", readOrDefault(ProxyEnv.LOG_LEVEL, env));
  }

  /** Logging starts before anything else, so a bad value is reported and the default used. */
  private static <T> T readOrDefault(ConfigParameter<T> parameter, Map<String, String> env) {
    try {
      return parameter.read(env);
    } catch (InvalidParameterException e) {
      System.err.println("socketx-operator: " + e.getMessage() + "; using the default");
      return parameter.read(Map.of());
    }
  }

  private LoggingSetup() {}
}
