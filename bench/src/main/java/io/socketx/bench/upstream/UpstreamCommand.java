package io.socketx.bench.upstream;

import io.socketx.bench.Options;
import java.util.concurrent.CountDownLatch;

/** The {@code upstream} command: serves echo or sink WebSocket traffic until killed. */
public final class UpstreamCommand {
  private UpstreamCommand() {}

  public static int main(String[] args) throws InterruptedException, javax.net.ssl.SSLException {
    Options o = Options.parse(args);
    UpstreamOptions options = UpstreamOptions.from(o);
    o.rejectUnknown();
    UpstreamServer server = new UpstreamServer(options).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.printf(
        "upstream %s/%s listening on %s:%d (%s%s)%n",
        Options.label(options.protocol()),
        Options.label(options.behaviour()),
        options.host(),
        server.port(),
        server.transportName(),
        options.tlsCert() == null ? "" : ", TLS");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
