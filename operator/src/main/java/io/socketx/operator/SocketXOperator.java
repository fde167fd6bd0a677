package io.socketx.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.socketx.operator.model.ProxyDefaults;
import io.socketx.operator.proxy.SocketXProxyReconciler;
import io.socketx.operator.route.SocketXRouteReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: builds the Kubernetes client from kubeconfig or the in-cluster service account,
 * registers the SocketXProxy and SocketXRoute controllers and serves probes and metrics.
 */
public final class SocketXOperator {
  /** How long running reconciliations may finish when the operator stops. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  /** Registers both controllers on a new, not yet started operator. */
  public static Operator create(
      KubernetesClient client, OperatorConfig config, PrometheusMeterRegistry registry) {
    return create(client, config, registry, new LeadershipGuard(() -> System.exit(1)));
  }

  /** Registers both controllers; {@code leadership} decides what a lost Lease does. */
  public static Operator create(
      KubernetesClient client,
      OperatorConfig config,
      PrometheusMeterRegistry registry,
      LeadershipGuard leadership) {
    return create(client, config, registry, leadership, Clock.systemUTC());
  }

  /**
   * As above, on {@code clock}: the time identity key rotations and conditions are measured with
   * (tests move it).
   */
  public static Operator create(
      KubernetesClient client,
      OperatorConfig config,
      PrometheusMeterRegistry registry,
      LeadershipGuard leadership,
      Clock clock) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                  .withUseSSAToPatchPrimaryResource(config.serverSideApply())
                  .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
                  .withCloseClientOnStop(false)
                  .withReconciliationTerminationTimeout(SHUTDOWN_GRACE);
              if (config.leaderElection()) {
                // JOSDK's own exit-on-stop-leading calls System.exit, which deadlocks when the
                // leadership ends inside our shutdown hook; so exit only on a real loss
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        config.leaseName(),
                        config.leaseNamespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        null,
                        new LeaderCallbacks(() -> {}, leadership.onStopLeading(), leader -> {}),
                        false));
              }
            });
    ProxyDefaults defaults =
        new ProxyDefaults(
            config.proxyImage(),
            config.clusterDomain(),
            config.compressThresholdBytes(),
            config.billingIdentity(),
            config.apiServerHost());
    operator.register(
        new SocketXProxyReconciler(defaults, clock),
        c -> {
          if (!config.watchNamespaces().isEmpty()) {
            c.settingNamespaces(config.watchNamespaces());
          }
        });
    operator.register(
        new SocketXRouteReconciler(config.clusterDomain(), config.apiServerHost(), clock),
        c -> {
          if (!config.watchNamespaces().isEmpty()) {
            c.settingNamespaces(config.watchNamespaces());
          }
        });
    return operator;
  }

  /** The jar manifest's version, else {@code -Dsocketx.version} (set by the image), else "dev". */
  static String version() {
    String v = SocketXOperator.class.getPackage().getImplementationVersion();
    return v != null ? v : System.getProperty("socketx.version", "dev");
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--version")) {
      System.out.println("socketx-operator " + version());
      return;
    }
    LoggingSetup.apply(System.getenv());
    Logger log = LoggerFactory.getLogger(SocketXOperator.class);
    OperatorConfig config;
    try {
      config = OperatorConfig.from(System.getenv());
    } catch (IllegalArgumentException e) {
      log.error("invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    log.info(
        "starting socketx-operator proxyImage={} watchNamespaces={} leaderElection={} lease={}/{}",
        config.proxyImage(),
        config.watchNamespaces().isEmpty() ? "all" : config.watchNamespaces(),
        config.leaderElection(),
        config.leaseNamespace(),
        config.leaseName());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KubernetesClient client = new KubernetesClientBuilder().build();
    LeadershipGuard leadership =
        new LeadershipGuard(
            () -> {
              log.error("lost the leader Lease {}; exiting", config.leaseName());
              System.exit(1);
            });
    Operator operator = create(client, config, registry, leadership);
    OperatorHttpServer http =
        new OperatorHttpServer("0.0.0.0", config.httpPort(), operator::getRuntimeInfo, registry);
    // one hook, in order: JVM shutdown hooks run concurrently, and the client must outlive the
    // controllers that are still finishing their reconciliations
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down: stopping controllers");
                  leadership.stop(operator);
                  http.close();
                  client.close();
                },
                "socketx-shutdown"));
    operator.start();
  }

  private SocketXOperator() {}
}
