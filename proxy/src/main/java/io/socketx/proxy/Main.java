package io.socketx.proxy;

import io.socketx.billing.BillingRuntime;
import io.socketx.billing.MessageMeter;
import io.socketx.protocol.ProjectVersion;
import io.socketx.proxy.config.ConfigException;
import io.socketx.proxy.config.ConfigLoader;
import io.socketx.proxy.config.ProxyConfig;
import io.socketx.proxy.demo.DemoEchoUpstream;
import io.socketx.proxy.demo.DemoListenHost;
import io.socketx.proxy.logging.LoggingSetup;
import io.socketx.proxy.metrics.ProxyMetrics;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * Entry point: {@code java -jar socketx-proxy.jar [--demo]}, configured by environment variables.
 * Exit codes: 0 after a graceful shutdown (and for {@code --help}/{@code --version}), 1 on a
 * start-up failure, 2 on invalid configuration or a bad command line.
 */
@Command(
    name = "socketx-proxy",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    subcommands = {HelpCommand.class, Keygen.class, FingerprintCommand.class},
    usageHelpAutoWidth = true,
    description = {
      "Kubernetes-native encrypted WebSocket proxy. Without a command it starts the proxy,"
          + " configured by environment variables (docs/configuration.md lists them all with"
          + " defaults and ranges); an invalid one exits 2 naming it."
    },
    footerHeading = "%nMain environment variables:%n",
    footer = {
      "  LISTEN_HOST, LISTEN_PORT     address and port to listen on (0.0.0.0, 8080)",
      "  DOMAIN_MAP                   JSON: host pattern -> {upstream, allowedOrigins}",
      "  DOMAIN_MAP_FILE,             live routes from a watched file or ConfigMap",
      "  DOMAIN_MAP_CONFIGMAP_NAME",
      "  IDENTITY_KEY_FILE            the proxy's identity key(s), from 'keygen' (required)",
      "  TLS_CERT_FILE, TLS_KEY_FILE  PEM certificate chain and key: serve wss",
      "  MTE_KYBER_STRENGTH           minimum suite: 0, 512, 768 or 1024 (768)",
      "  LOG_LEVEL, USE_CONSOLE_LOGS  log level (info); human-readable lines (false)",
      "  BILLING_STRATEGY             none or request_based",
      "",
      "Exit codes: 0 after a graceful shutdown, 1 when start-up fails, 2 for invalid",
      "configuration or a bad command line."
    })
public final class Main implements Callable<Integer> {
  static final int EXIT_CONFIG = 2;
  static final int EXIT_STARTUP = 1;

  @Option(
      names = "--demo",
      description =
          "Start an in-process echo upstream on 127.0.0.1 and route every host (any origin) to"
              + " it, ignoring DOMAIN_MAP; without IDENTITY_KEY_FILE use a key that lives as"
              + " long as the process, and print the client command that pins it.")
  boolean demo;

  /** Prints the project version from the build. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"socketx-proxy " + ProjectVersion.current()};
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** Starts the proxy and serves until SIGTERM or SIGINT; returns the exit code. */
  @Override
  public Integer call() throws Exception {
    ProxyConfig config;
    try {
      config =
          demo
              ? ConfigLoader.loadForDemo(DemoListenHost.applyTo(System.getenv()))
              : ConfigLoader.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println("socketx-proxy: invalid configuration: " + e.getMessage());
      return EXIT_CONFIG;
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
      return EXIT_STARTUP;
    }
    if (demo) {
      String pin = config.identity().keys().fingerprints().get(0).toString();
      log.info(
          "Demo mode: every host is routed to the echo upstream {}; proxy identity {}; try: java"
              + " -jar client/target/socketx-client.jar --pin {} ws://127.0.0.1:{}/demo",
          echo.uri(),
          pin,
          pin,
          server.port());
      // plain lines on standard error, ready to paste whatever the log format
      System.err.println("Proxy identity: " + pin);
      System.err.println(
          "Try: java -jar client/target/socketx-client.jar --pin "
              + pin
              + " ws://127.0.0.1:"
              + server.port()
              + "/demo");
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
    return 0;
  }

  private static String demoDomainMap(DemoEchoUpstream echo) {
    return "{\"*\":{\"upstream\":\"" + echo.uri() + "\",\"allowedOrigins\":[\"*\"]}}";
  }
}
