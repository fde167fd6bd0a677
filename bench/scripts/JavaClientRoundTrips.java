import io.socketx.client.ClientOptions;
import io.socketx.client.SocketXClient;
import io.socketx.client.SocketXConnection;
import io.socketx.client.SocketXListener;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Java client SDK's counterpart of clients/js/scripts/node-round-trips.mjs: N connections
 * through a proxy, each keeping one binary message outstanding; prints one JSON line. Run with the
 * SDK on the class path: java -cp client/target/socketx-client.jar bench/scripts/JavaClientRoundTrips.java
 * URL PIN CONNECTIONS SIZE WARMUP_S DURATION_S
 */
public final class JavaClientRoundTrips {
  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    int connections = Integer.parseInt(args[2]);
    byte[] payload = new byte[Integer.parseInt(args[3])];
    ClientOptions options = ClientOptions.builder().pin(args[1]).build();
    AtomicBoolean counting = new AtomicBoolean();
    LongAdder echoes = new LongAdder();
    SocketXListener echo =
        new SocketXListener() {
          @Override
          public void onBinary(SocketXConnection c, ByteBuffer data) {
            if (counting.get()) {
              echoes.increment();
            }
            c.sendBinary(ByteBuffer.wrap(payload));
          }
        };
    List<SocketXConnection> open = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      open.add(SocketXClient.connect(url, options, echo));
    }
    open.forEach(c -> c.sendBinary(ByteBuffer.wrap(payload)));
    Thread.sleep(Long.parseLong(args[4]) * 1000);
    long t0 = System.nanoTime();
    counting.set(true);
    Thread.sleep(Long.parseLong(args[5]) * 1000);
    counting.set(false);
    double seconds = (System.nanoTime() - t0) / 1e9;
    open.forEach(SocketXConnection::close);
    System.out.printf(
        "{\"client\":\"java %s\",\"connections\":%d,\"size\":%d,\"seconds\":%.2f,\"roundTripsPerSecond\":%d}%n",
        System.getProperty("java.version"),
        connections,
        payload.length,
        seconds,
        Math.round(echoes.sum() / seconds));
    System.exit(0);
  }
}
