package io.socketx.client.cli;

import io.socketx.client.ClientOptions;
import io.socketx.client.SocketXClient;
import io.socketx.client.SocketXConnection;
import io.socketx.client.SocketXException;
import io.socketx.client.SocketXListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code socketx-client}: sends each stdin line as one message through a SocketX proxy and prints
 * each received message as one line.
 */
public final class SocketXClientCli {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private SocketXClientCli() {}

  public static void main(String[] args) {
    // The JDK refuses a Host header unless told otherwise; --header Host:… needs it.
    if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
      System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the CLI; returns the exit code. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CliArguments cli;
    try {
      cli = CliArguments.parse(args);
    } catch (CliArguments.UsageException e) {
      err.println("socketx-client: " + e.getMessage());
      return EXIT_USAGE;
    }
    try {
      return session(cli, in, out, err);
    } catch (SocketXException | IOException | GeneralSecurityException e) {
      err.println("socketx-client: " + e.getMessage());
      if (cli.verbose()) {
        e.printStackTrace(err);
      }
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("socketx-client: interrupted");
      return EXIT_FAILED;
    }
  }

  private static int session(CliArguments cli, InputStream in, PrintStream out, PrintStream err)
      throws SocketXException, IOException, GeneralSecurityException, InterruptedException {
    ClientOptions.Builder options = ClientOptions.builder().suite(cli.suite()).origin(cli.origin());
    cli.headers().forEach(options::header);
    if (cli.caCert() != null) {
      options.sslContext(trusting(cli));
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
    SocketXConnection connection = SocketXClient.connect(cli.url(), options.build(), listener);
    if (cli.verbose()) {
      err.println(
          "socketx-client: open, suite " + connection.suite() + ", eeid " + connection.eeid());
    }
    int sent = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null && connection.isOpen()) {
        if (cli.binary()) {
          connection.sendBinary(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8))).join();
        } else {
          connection.sendText(line).join();
        }
        sent++;
      }
    }
    long deadline = System.nanoTime() + cli.replyWait().toNanos();
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
      if (code != null && code != 1000) {
        err.println("socketx-client: connection closed by the proxy with code " + code);
        return EXIT_FAILED;
      }
    }
    connection.close();
    return EXIT_OK;
  }

  private static SSLContext trusting(CliArguments cli)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream pem = Files.newInputStream(cli.caCert())) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
