package io.socketx.proxy;

import io.socketx.billing.BillingRuntime;
import io.socketx.billing.MessageMeter;
import io.socketx.proxy.config.ConfigException;
import io.socketx.proxy.config.ConfigLoader;
import io.socketx.proxy.config.ProxyConfig;
import io.socketx.proxy.demo.DemoEchoUpstream;
import io.socketx.proxy.logging.LoggingSetup;
import io.socketx.proxy.metrics.ProxyMetrics;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar socketx-proxy.jar [--demo]}. Exit codes: 0 after a graceful
 * shutdown, 1 on a start-up failure, 2 on invalid configuration.
 */
public final class Main {
  static final int EXIT_CONFIG = 2;
  static final int EXIT_STARTUP = 1;

  private Main() {}

  public static void main(String[] args) throws Exception {
    boolean demo = Arrays.asList(args).contains("--demo");
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(
          "usage: java -jar socketx-proxy.jar [--demo]\n"
              + "  configured by environment variables, see docs/configuration.md\n"
              + "  --demo  route every host to an in-process echo upstream");
      return;
    }
    ProxyConfig config;
    try {
      config = ConfigLoader.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("socketx-proxy: invalid configuration: " + e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    }
    LoggingSetup.configure(config.consoleLogs(), config.logLevel());
    Logger log = LoggerFactory.getLogger(Main.class);
    DemoEchoUpstream echo = null;
    if (demo) {
      echo = DemoEchoUpstream.start();
      config = config.withDomainMap(demoDomainMap(echo));
    }
    log.info("Starting server", Markers.append("config", StartupLog.config(config, demo)));
    ProxyMetrics metrics = new ProxyMetrics();
    BillingRuntime billing = null;
    ProxyServer server;
    try {
      if (config.billing().enabled()) {
        billing = BillingRuntime.start(config.billing(), metrics.registry(), Clock.systemUTC());
      }
      MessageMeter meter = billing == null ? MessageMeter.NOOP : billing.meter();
      server = new ProxyServer(config, metrics, meter).start();
    } catch (Exception e) {
      log.error("Start-up failed: {}", e.toString(), e);
      System.exit(EXIT_STARTUP);
      return;
    }
    if (demo) {
      log.info(
          "Demo mode: every host is routed to the echo upstream {}; try: java -jar client/target/socketx-client.jar ws://127.0.0.1:{}/demo",
          echo.uri(),
          server.port());
    }
    BillingRuntime meterRuntime = billing;
    CountDownLatch stopped = new CountDownLatch(1);
    ShutdownSignal.onTerminate(
        () -> {
          try {
            server.shutdown(server.context().config().shutdownDrainPeriod());
            if (meterRuntime != null) {
              meterRuntime.close();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            stopped.countDown();
          }
        });
    stopped.await();
    if (echo != null) {
      echo.close();
    }
    System.exit(0);
  }

  private static String demoDomainMap(DemoEchoUpstream echo) {
    return "{\"*\":{\"upstream\":\"" + echo.uri() + "\",\"allowedOrigins\":[\"*\"]}}";
  }
}
