package io.socketx.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The proxy's meters as Prometheus scrapes them. */
class ProxyMetricsTest {

  @Test
  void gaugesFedByMethodReferencesStillReadAfterGarbageCollection() {
    ProxyMetrics metrics = new ProxyMetrics();
    Counts counts = new Counts();
    // method references that only the meters keep, as ProxyContext registers them
    metrics.admissionGauges(counts::connections, counts::handshakes);
    metrics.pendingBytesGauges(counts::toClients, counts::toUpstreams);

    collectGarbage();

    assertThat(metrics.scrape())
        .contains("socketx_tcp_connections_open 3.0")
        .contains("socketx_handshakes_in_progress 2.0")
        .contains("socketx_pending_bytes{leg=\"client\"} 65646.0")
        .contains("socketx_pending_bytes{leg=\"upstream\"} 7.0");
  }

  /** Runs collections until an object only weakly reachable is gone. */
  private static void collectGarbage() {
    WeakReference<Object> canary = new WeakReference<>(new Object());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              System.gc();
              return canary.get() == null;
            });
  }

  private static final class Counts {
    int connections() {
      return 3;
    }

    int handshakes() {
      return 2;
    }

    long toClients() {
      return 65_646;
    }

    long toUpstreams() {
      return 7;
    }
  }
}
