package io.socketx.billing.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the reporting replica with a coordination.k8s.io Lease (fabric8 {@link LeaderElector}).
 * After losing the lease the replica competes again until closed.
 */
public final class LeaseLeadership implements Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);

  private final LeaderElector elector;
  private final Duration retry;
  private volatile boolean leader;
  private volatile boolean closed;
  private volatile CompletableFuture<?> running;

  /**
   * Starts competing for {@code leaseName} in {@code namespace} as {@code identity}.
   *
   * @param leaseDuration how long a lease is valid without renewal (failover time)
   */
  public LeaseLeadership(
      KubernetesClient client,
      String namespace,
      String leaseName,
      String identity,
      Duration leaseDuration) {
    Duration renew = leaseDuration.multipliedBy(2).dividedBy(3);
    this.retry = leaseDuration.dividedBy(5);
    this.elector =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName("socketx-billing")
                    .withLock(new LeaseLock(namespace, leaseName, identity))
                    .withLeaseDuration(leaseDuration)
                    .withRenewDeadline(renew)
                    .withRetryPeriod(retry)
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(
                            () -> {
                              leader = true;
                              LOG.info("billing: {} is now the usage reporter", identity);
                            },
                            () -> {
                              leader = false;
                              LOG.info("billing: {} stopped reporting usage", identity);
                            },
                            newLeader -> LOG.debug("billing: usage reporter is {}", newLeader)))
                    .build())
            .build();
    compete();
  }

  private void compete() {
    if (closed) {
      return;
    }
    CompletableFuture<?> f = elector.start();
    running = f;
    f.whenComplete(
        (ok, error) -> {
          leader = false;
          if (error != null && !closed) {
            LOG.warn("billing: leader election failed, competing again", error);
          }
          // Pause one retry period so a persistent failure cannot spin.
          CompletableFuture.runAsync(
              this::compete,
              CompletableFuture.delayedExecutor(retry.toMillis(), TimeUnit.MILLISECONDS));
        });
  }

  @Override
  public boolean isLeader() {
    return leader;
  }

  @Override
  public void close() {
    closed = true;
    CompletableFuture<?> f = running;
    if (f != null) {
      f.cancel(true);
    }
    leader = false;
  }
}
