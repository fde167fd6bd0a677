package io.socketx.operator;

import java.util.Locale;
import java.util.Map;

/**
 * Chooses the log format and level before Logback starts: JSON lines by default, human-readable
 * with USE_CONSOLE_LOGS=true, level from LOG_LEVEL (error, warn, info, debug).
 */
final class LoggingSetup {
  static void apply(Map<String, String> env) {
    boolean console = "true".equalsIgnoreCase(env.getOrDefault("USE_CONSOLE_LOGS", "false"));
    System.setProperty("socketx.log.appender", console ? "CONSOLE" : "JSON");
    String level = env.getOrDefault("LOG_LEVEL", "info").toLowerCase(Locale.ROOT);
    if (!level.matches("error|warn|info|debug")) {
      level = "info";
    }
    System.setProperty("socketx.log.level", level);
  }

  private LoggingSetup() {}
}
