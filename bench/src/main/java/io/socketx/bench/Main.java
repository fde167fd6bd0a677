package io.socketx.bench;

import io.socketx.bench.load.LoadCommand;
import io.socketx.bench.upstream.UpstreamCommand;
import java.util.Arrays;

/**
 * Entry point of {@code socketx-bench.jar}: the {@code load}, {@code upstream} and {@code jmh}
 * commands.
 */
public final class Main {
  private static final String USAGE =
      """
      usage: java -jar socketx-bench.jar COMMAND [options]

        load      generate load and report msgs/s, bytes/s, latency percentiles, handshakes/s
          --mode plain|socketx          plain ws(s) or the SocketX protocol (default plain)
          --url ws[s]://host:port/path  server to load (default ws://127.0.0.1:9001/)
          --scenario messages|handshakes|idle                      (default messages)
          --connections N               connections, or handshake slots (default 64)
          --size BYTES                  message size, e.g. 64, 1k, 16KiB (default 1024)
          --in-flight N                 closed loop: echoes outstanding per connection (default 1)
          --rate MSGS_PER_S             open loop at this total rate instead (default 0: closed)
          --duration 10s --warmup 3s    measurement window and warm-up before it
          --threads N                   event loop threads (default: available processors)
          --suite 0|512|768|1024        SocketX suite the client prefers (default 768)
          --source-addresses N          spread connections over 127.0.0.1..N (default 1)
          --connect-concurrency N       idle: connects in progress at once (default 256)
          --idle-interval 0s            idle: each connection sends one message this often
          --tls-ciphers LIST            wss: TLS 1.3 cipher suites to offer
          --watch-pids PID,PID          report these processes' CPU time per message/handshake
          --ready-file PATH             idle: written once all connections are settled
          --json PATH                   also write the report as JSON

        upstream  serve WebSocket echo (or sink) traffic until killed
          --host 127.0.0.1 --port 9001 --behaviour echo|sink --threads 1
          --protocol plain|socketx      socketx: answer the SocketX handshake itself
          --suite 0                     socketx: the minimum suite accepted
          --tls-cert PEM --tls-key PEM  serve wss instead of ws

        jmh       run the JMH microbenchmarks (JMH's own options, e.g. -l, -f 1 -wi 2 -i 3)
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      System.out.print(USAGE);
      System.exit(args.length == 0 ? 2 : 0);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "load" -> System.exit(LoadCommand.main(rest));
        case "upstream" -> System.exit(UpstreamCommand.main(rest));
        case "jmh" -> org.openjdk.jmh.Main.main(rest);
        default -> throw new UsageException("unknown command '" + args[0] + "'");
      }
    } catch (UsageException e) {
      System.err.println("socketx-bench: " + e.getMessage());
      System.err.println("run with --help for the options");
      System.exit(2);
    }
  }
}
