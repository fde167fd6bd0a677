package io.socketx.bench.upstream;

import io.socketx.bench.Main;
import io.socketx.bench.OptionConverters;
import io.socketx.bench.OptionRange;
import io.socketx.protocol.Suite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code upstream} command: serves echo or sink WebSocket traffic until killed. */
@Command(
    name = "upstream",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {"Serve WebSocket echo (or sink) traffic until killed."})
public final class UpstreamCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "9001",
      description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--behaviour",
      paramLabel = "echo|sink",
      defaultValue = "echo",
      description = "Send every message back, or swallow it (default: echo).")
  UpstreamOptions.Behaviour behaviour;

  @Option(
      names = "--protocol",
      paramLabel = "plain|socketx",
      defaultValue = "plain",
      description = "socketx: answer the SocketX handshake itself (default: plain).")
  UpstreamOptions.Protocol protocol;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "Event loop threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--suite",
      paramLabel = "0|512|768|1024",
      defaultValue = "0",
      converter = OptionConverters.Strength.class,
      description = "socketx: the minimum suite accepted (default: ${DEFAULT-VALUE}).")
  Suite suite;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Serve wss with this certificate chain (with --tls-key).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key for --tls-cert.")
  Path tlsKey;

  @Override
  public Integer call() throws InterruptedException, javax.net.ssl.SSLException {
    UpstreamOptions options = options();
    UpstreamServer server = new UpstreamServer(options).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "upstream %s/%s listening on %s:%d (%s%s)%n",
        label(options.protocol()),
        label(options.behaviour()),
        options.host(),
        server.port(),
        server.transportName(),
        options.tlsCert() == null ? "" : ", TLS");
    out.flush();
    stopped.await();
    return 0;
  }

  /**
   * The parsed options, checked together.
   *
   * @throws ParameterException naming the option that is out of range or inconsistent
   */
  UpstreamOptions options() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(
          spec.commandLine(), "--tls-cert and --tls-key go together (PEM files)");
    }
    return new UpstreamOptions(
        host,
        OptionRange.check(spec, "--port", port, 0, 65535),
        behaviour,
        protocol,
        OptionRange.check(spec, "--threads", threads, 0, 64),
        suite,
        tlsCert,
        tlsKey);
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
