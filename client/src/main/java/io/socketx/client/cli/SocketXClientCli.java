package io.socketx.client.cli;

import io.socketx.client.ClientOptions;
import io.socketx.client.SocketXClient;
import io.socketx.client.SocketXConnection;
import io.socketx.client.SocketXException;
import io.socketx.client.SocketXListener;
import io.socketx.protocol.ProjectVersion;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.CloseNotice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code socketx-client}: sends each stdin line as one message through a SocketX proxy and prints
 * each received message as one line.
 */
@Command(
    name = "socketx-client",
    mixinStandardHelpOptions = true,
    versionProvider = SocketXClientCli.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Sends each stdin line as one message through a SocketX proxy and prints each received"
          + " message as one line."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the connection closed cleanly",
      "1:the connection or handshake failed (one line on stderr)",
      "2:bad command line"
    })
public final class SocketXClientCli implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  @Parameters(
      paramLabel = "URL",
      converter = ArgumentConverters.WebSocketUrl.class,
      description = "ws://host:port/path or wss://host/path of the proxy.")
  URI url;

  @Option(names = "--origin", paramLabel = "ORIGIN", description = "Origin header to send.")
  String origin;

  @Option(
      names = "--header",
      paramLabel = "NAME:VALUE",
      converter = Header.Converter.class,
      description = "Extra upgrade request header, (repeatable), e.g. Host:demo.")
  List<Header> headers = new ArrayList<>();

  @Option(
      names = "--strength",
      paramLabel = "0|512|768|1024",
      converter = ArgumentConverters.Strength.class,
      defaultValue = "768",
      description = "ML-KEM strength of the suite to offer; 0 is X25519 only (default: 768).")
  Suite suite;

  @Option(names = "--binary", description = "Send each line as a binary message instead of text.")
  boolean binary;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      converter = ArgumentConverters.Seconds.class,
      defaultValue = "2",
      description = "How long to wait for replies after the last line (default: 2).")
  Duration replyWait;

  @ArgGroup(validate = false, heading = "%nProxy authentication and TLS:%n")
  TlsOptions tls = new TlsOptions();

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Report the suite and the proxy's identity, and print stack traces of failures.")
  boolean verbose;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  private SocketXClientCli(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** Prints the project version from the build. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"socketx-client " + ProjectVersion.current()};
    }
  }

  public static void main(String[] args) {
    // The JDK refuses a Host header unless told otherwise; --header Host:… needs it.
    if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
      System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the CLI; returns the exit code. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return new CommandLine(new SocketXClientCli(in, out, err))
        .setOut(writer(out))
        .setErr(writer(err))
        .execute(args);
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  @Override
  public Integer call() {
    try {
      return session();
    } catch (SocketXException | IOException | GeneralSecurityException e) {
      err.println("socketx-client: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("socketx-client: interrupted");
      return EXIT_FAILED;
    }
  }

  private int session()
      throws SocketXException, IOException, GeneralSecurityException, InterruptedException {
    ClientOptions.Builder options = ClientOptions.builder().suite(suite).origin(origin);
    headers.forEach(h -> options.header(h.name(), h.value()));
    if (tls != null) {
      tls.sslContext().ifPresent(options::sslContext);
      tls.pins.forEach(options::pin);
      if (tls.insecure) {
        options.allowUnpinnedProxy();
      }
    }
    AtomicInteger received = new AtomicInteger();
    Object lock = new Object();
    SocketXListener listener =
        new SocketXListener() {
          @Override
          public void onText(SocketXConnection c, String text) {
            print(text.getBytes(StandardCharsets.UTF_8));
          }

          @Override
          public void onBinary(SocketXConnection c, ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            print(bytes);
          }

          @Override
          public void onError(SocketXConnection c, Throwable error) {
            err.println("socketx-client: " + error.getMessage());
          }

          private void print(byte[] bytes) {
            synchronized (lock) {
              out.write(bytes, 0, bytes.length);
              out.write('\n');
              out.flush();
              received.incrementAndGet();
              lock.notifyAll();
            }
          }
        };
    SocketXConnection connection = SocketXClient.connect(url, options.build(), listener);
    if (verbose) {
      err.println(
          "socketx-client: open, suite "
              + connection.suite()
              + ", proxy identity "
              + connection.proxyIdentity()
              + ", eeid "
              + connection.eeid());
    }
    int sent = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null && connection.isOpen()) {
        if (binary) {
          connection.sendBinary(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8))).join();
        } else {
          connection.sendText(line).join();
        }
        sent++;
      }
    }
    long deadline = System.nanoTime() + replyWait.toNanos();
    synchronized (lock) {
      while (received.get() < sent && connection.isOpen()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
    if (!connection.isOpen()) {
      Integer code = connection.closeFuture().getNow(null);
      CloseNotice notice = connection.closeNotice();
      if (notice != null && notice.origin() == CloseNotice.Origin.UPSTREAM) {
        err.println(
            "socketx-client: the upstream closed the session with code "
                + notice.code()
                + (notice.reason().isEmpty() ? "" : " (" + notice.reason() + ")"));
        return notice.code() == 1000 ? EXIT_OK : EXIT_FAILED;
      }
      if (code != null && code != 1000) {
        // a truncated session (no authenticated close) was reported by onError already
        err.println("socketx-client: connection closed by the proxy with code " + code);
        return EXIT_FAILED;
      }
    }
    connection.close();
    return EXIT_OK;
  }
}
