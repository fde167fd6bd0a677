package io.socketx.billing;

import com.azure.core.credential.TokenCredential;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.socketx.billing.azure.AzureCredentials;
import io.socketx.billing.azure.AzureHttp;
import io.socketx.billing.azure.AzureMeteringReporter;
import io.socketx.billing.azure.ImdsResourceIdResolver;
import io.socketx.billing.azure.ResourceIdSource;
import io.socketx.billing.azure.ResourceIdUnavailableException;
import io.socketx.billing.cluster.Leadership;
import io.socketx.billing.cluster.LeaseLeadership;
import io.socketx.billing.config.BillingConfig;
import io.socketx.billing.config.BillingProvider;
import io.socketx.billing.config.Coordination;
import io.socketx.billing.report.NoneReporter;
import io.socketx.billing.report.UsageReporter;
import io.socketx.billing.store.ConfigMapLedgerStore;
import io.socketx.billing.store.InMemoryLedgerStore;
import io.socketx.billing.store.LedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of billing: owns the hot-path {@link MessageMeter}, the shared ledger, the reporter
 * election and the periodic flush/report cycle. Billing failures are logged and counted, never
 * thrown into the caller's traffic path.
 *
 * <pre>{@code
 * BillingRuntime billing = BillingRuntime.start(BillingConfig.fromEnv(), registry, Clock.systemUTC());
 * MessageMeter meter = billing.meter();   // call meter.encoded() / meter.decoded() per message
 * ...
 * billing.close();                        // on shutdown (SIGTERM): final flush
 * }</pre>
 */
public final class BillingRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BillingRuntime.class);

  private final BillingConfig config;
  private final HourlyCounter counter;
  private final BillingEngine engine;
  private final Leadership leadership;
  private final ScheduledExecutorService scheduler;
  private final AutoCloseable ownedClient;
  private final String replicaId;

  private BillingRuntime(
      BillingConfig config,
      HourlyCounter counter,
      BillingEngine engine,
      Leadership leadership,
      ScheduledExecutorService scheduler,
      AutoCloseable ownedClient,
      String replicaId) {
    this.config = config;
    this.counter = counter;
    this.engine = engine;
    this.leadership = leadership;
    this.scheduler = scheduler;
    this.ownedClient = ownedClient;
    this.replicaId = replicaId;
  }

  /** Starts billing as configured, with production credential, Kubernetes client and schedule. */
  public static BillingRuntime start(BillingConfig config, MeterRegistry registry, Clock clock) {
    return builder(config).registry(registry).clock(clock).start();
  }

  /** A builder that lets tests (and the operator) replace infrastructure pieces. */
  public static Builder builder(BillingConfig config) {
    return new Builder(config);
  }

  /** The hot-path meter; {@link MessageMeter#NOOP} when billing is disabled. */
  public MessageMeter meter() {
    return counter == null ? MessageMeter.NOOP : counter;
  }

  /** This process's replica id in the ledger ({@code <pod>-<boot id>}). */
  public String replicaId() {
    return replicaId;
  }

  /** True while this replica is the usage reporter. */
  public boolean isLeader() {
    return engine != null && leadership.isLeader();
  }

  /** Writes this replica's counts to the shared ledger now; throws if the store fails. */
  public void flushNow() {
    if (engine != null) {
      engine.flush();
    }
  }

  /** Flushes, then (on the reporter) reports every due bucket; throws if the store fails. */
  public ReportSummary reportNow() {
    if (engine == null) {
      return ReportSummary.NOT_LEADER;
    }
    engine.flush();
    return engine.report();
  }

  /** Stops the schedule, flushes a last time (SIGTERM path) and leaves the election. */
  @Override
  public void close() {
    if (engine == null) {
      return;
    }
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(config.httpTimeout().toSeconds() + 5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      engine.flush();
      LOG.info("billing: final counts of {} flushed", replicaId);
    } catch (RuntimeException e) {
      LOG.error("billing: final flush of {} failed; unflushed counts are lost", replicaId, e);
    }
    leadership.close();
    if (ownedClient != null) {
      try {
        ownedClient.close();
      } catch (Exception e) {
        LOG.debug("closing billing Kubernetes client", e);
      }
    }
  }

  /**
   * Checks once, off the caller's thread, that the resource id can be determined, so a
   * misconfiguration shows up at start-up rather than at the first report an hour later.
   */
  private static void probe(ResourceIdSource ids, BillingMetrics metrics) {
    try {
      LOG.info("billing: reporting usage for resource {}", ids.resourceId());
    } catch (ResourceIdUnavailableException e) {
      metrics.resourceIdFailure();
      LOG.error("billing: {} (usage is kept and reported once the id is known)", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("billing: resource id check failed", e);
    }
  }

  private void cycle() {
    if (!flushOrRetrySoon()) {
      return;
    }
    try {
      engine.report();
    } catch (RuntimeException e) {
      LOG.warn("billing: report cycle failed, retrying next cycle", e);
    }
  }

  /**
   * Flushes; on failure schedules one early retry, because a replica that misses its flush right
   * after an hour ends would otherwise write that hour only after the reporter sent it.
   */
  private boolean flushOrRetrySoon() {
    try {
      engine.flush();
      return true;
    } catch (RuntimeException e) {
      Duration retry =
          Duration.ofSeconds(Math.min(30, config.reportInterval().toSeconds() / 4 + 1));
      LOG.warn(
          "billing: flushing counts of {} failed, retrying in {}: {}",
          replicaId,
          retry,
          e.toString());
      if (!scheduler.isShutdown()) {
        scheduler.schedule(
            () -> {
              try {
                engine.flush();
              } catch (RuntimeException again) {
                LOG.warn("billing: retried flush of {} failed: {}", replicaId, again.toString());
              }
            },
            retry.toMillis(),
            TimeUnit.MILLISECONDS);
      }
      return false;
    }
  }

  /** Assembles a {@link BillingRuntime}; unset pieces are built from the configuration. */
  public static final class Builder {
    private final BillingConfig config;
    private MeterRegistry registry;
    private Clock clock = Clock.systemUTC();
    private TokenCredential credential;
    private AzureHttp azureHttp;
    private ResourceIdSource resourceIds;
    private UsageReporter reporter;
    private KubernetesClient kubernetesClient;
    private LedgerStore store;
    private Leadership leadership;
    private String replicaId;
    private boolean schedule = true;
    private Duration leaseDuration = Duration.ofSeconds(15);
    private ResourceIdSource resolvedIds;

    private Builder(BillingConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    public Builder registry(MeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Credential for the metering API and Resource Manager (default: from config). */
    public Builder credential(TokenCredential credential) {
      this.credential = credential;
      return this;
    }

    /**
     * Timeouts, retries and TLS of the metering, IMDS and Resource Manager calls (default: {@code
     * BILLING_HTTP_TIMEOUT} per attempt, {@link AzureHttp#defaultRetry()}, the JVM's trust store).
     */
    public Builder azureHttp(AzureHttp azureHttp) {
      this.azureHttp = azureHttp;
      return this;
    }

    /** Resource id source (default: AZURE_RESOURCE_ID, else IMDS). */
    public Builder resourceIds(ResourceIdSource resourceIds) {
      this.resourceIds = resourceIds;
      return this;
    }

    /** Reporter (default: by BILLING_PROVIDER). */
    public Builder reporter(UsageReporter reporter) {
      this.reporter = reporter;
      return this;
    }

    /** Kubernetes client for coordination=kubernetes (default: built from the environment). */
    public Builder kubernetesClient(KubernetesClient client) {
      this.kubernetesClient = client;
      return this;
    }

    /** Ledger store (default: by coordination). */
    public Builder store(LedgerStore store) {
      this.store = store;
      return this;
    }

    /** Reporter election (default: always for local, a Lease for kubernetes). */
    public Builder leadership(Leadership leadership) {
      this.leadership = leadership;
      return this;
    }

    /** Replica id (default: {@code <POD_NAME>-<random boot id>}). */
    public Builder replicaId(String replicaId) {
      this.replicaId = replicaId;
      return this;
    }

    /** Whether to run the flush/report cycle every interval (tests drive it by hand). */
    public Builder schedule(boolean schedule) {
      this.schedule = schedule;
      return this;
    }

    /** Lease duration of the reporter election (failover time). */
    public Builder leaseDuration(Duration leaseDuration) {
      this.leaseDuration = leaseDuration;
      return this;
    }

    /** Starts billing. Infrastructure problems are logged, not thrown. */
    public BillingRuntime start() {
      if (!config.enabled()) {
        LOG.info("billing: disabled (BILLING_STRATEGY=none)");
        return new BillingRuntime(config, null, null, Leadership.ALWAYS, null, null, null);
      }
      MeterRegistry reg =
          registry != null
              ? registry
              : new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
      String id =
          replicaId != null
              ? replicaId
              : config.podName() + "-" + UUID.randomUUID().toString().substring(0, 8);
      KubernetesClient client = kubernetesClient;
      AutoCloseable owned = null;
      if (config.coordination() == Coordination.KUBERNETES
          && client == null
          && (store == null || leadership == null)) {
        client = new KubernetesClientBuilder().build();
        owned = client;
      }
      String namespace =
          config.namespace() != null
              ? config.namespace()
              : client != null && client.getNamespace() != null ? client.getNamespace() : "default";
      LedgerStore ledgerStore = store;
      if (ledgerStore == null) {
        ledgerStore =
            config.coordination() == Coordination.KUBERNETES
                ? new ConfigMapLedgerStore(client, namespace, config.stateConfigMap())
                : new InMemoryLedgerStore();
      }
      Leadership election = leadership;
      if (election == null) {
        election =
            config.coordination() == Coordination.KUBERNETES
                ? new LeaseLeadership(client, namespace, config.leaseName(), id, leaseDuration)
                : Leadership.ALWAYS;
      }
      UsageReporter usageReporter = reporter != null ? reporter : defaultReporter();
      HourlyCounter counter = new HourlyCounter(clock);
      BillingMetrics metrics = new BillingMetrics(reg, config.product());
      metrics.bindCounter(counter);
      Leadership electionRef = election;
      metrics.bindLeadership(electionRef::isLeader);
      BillingEngine engine =
          new BillingEngine(
              counter,
              ledgerStore,
              election,
              usageReporter,
              clock,
              metrics,
              id,
              config.reportInterval(),
              config.reportGrace());
      ScheduledExecutorService scheduler = null;
      if (schedule) {
        scheduler =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "socketx-billing");
                  t.setDaemon(true);
                  return t;
                });
      }
      BillingRuntime runtime =
          new BillingRuntime(config, counter, engine, election, scheduler, owned, id);
      if (scheduler != null) {
        if (resolvedIds != null) {
          ResourceIdSource ids = resolvedIds;
          scheduler.execute(() -> probe(ids, metrics));
        }
        long millis = config.reportInterval().toMillis();
        scheduler.scheduleWithFixedDelay(runtime::cycle, millis, millis, TimeUnit.MILLISECONDS);
      }
      LOG.info("billing: enabled {} replicaId={} namespace={}", config.describe(), id, namespace);
      return runtime;
    }

    private UsageReporter defaultReporter() {
      if (config.provider() == BillingProvider.NONE) {
        return new NoneReporter();
      }
      TokenCredential cred = credential != null ? credential : AzureCredentials.create(config);
      AzureHttp http = azureHttp != null ? azureHttp : AzureHttp.withTimeout(config.httpTimeout());
      ResourceIdSource ids =
          resourceIds != null
              ? resourceIds
              : new ImdsResourceIdResolver(
                  config.resourceId(), config.imdsEndpoint(), config.armEndpoint(), cred, http);
      resolvedIds = ids;
      return new AzureMeteringReporter(config.meteringEndpoint(), config.planId(), cred, ids, http);
    }
  }
}
