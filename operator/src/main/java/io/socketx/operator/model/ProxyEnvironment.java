package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.socketx.contract.env.BillingEnv;
import io.socketx.contract.env.ConfigParameter;
import io.socketx.contract.env.ProxyEnv;
import io.socketx.contract.upstream.UpstreamPolicy;
import io.socketx.crd.BillingSpec;
import io.socketx.crd.BillingStrategy;
import io.socketx.crd.LogLevel;
import io.socketx.crd.ProxyTimeouts;
import io.socketx.crd.SocketXProxySpec;
import io.socketx.crd.TlsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The proxy container's environment: every variable is named and checked by its {@link
 * ConfigParameter} from the contract module, the one the proxy reads it with. The DOMAIN_MAP itself
 * is not in it: the proxy watches the named ConfigMap, so route changes never roll pods.
 */
public final class ProxyEnvironment {

  /** The port the proxy listens on inside the pod; the Service maps its own port to it. */
  public static final int CONTAINER_PORT = 8080;

  /** The proxy's admin port (/healthz, /readyz, /metrics): probes and scrapes, no Service. */
  public static final int ADMIN_PORT = 9090;

  /**
   * One variable taken from the spec: the parameter the proxy reads it with, the spec field it
   * comes from, and how to get its value (null: left to the proxy's default).
   */
  private record FromSpec(
      ConfigParameter<?> parameter, String field, Function<SocketXProxySpec, Object> value) {}

  private static final List<FromSpec> FROM_SPEC =
      List.of(
          new FromSpec(
              ProxyEnv.LOG_LEVEL,
              "spec.logLevel",
              s -> (s.getLogLevel() == null ? LogLevel.INFO : s.getLogLevel()).value()),
          new FromSpec(ProxyEnv.USE_CONSOLE_LOGS, "spec.consoleLogs", s -> s.getConsoleLogs()),
          new FromSpec(ProxyEnv.KYBER_STRENGTH, "spec.kyberStrength", s -> s.getKyberStrength()),
          new FromSpec(
              ProxyEnv.DECODER_WINDOW_SIZE,
              "spec.decoderWindowSize",
              s -> s.getDecoderWindowSize()),
          new FromSpec(
              ProxyEnv.READ_BUFFER_SIZE,
              "spec.buffers.readBufferSize",
              s -> s.getBuffers() == null ? null : s.getBuffers().getReadBufferSize()),
          new FromSpec(
              ProxyEnv.WRITE_BUFFER_SIZE,
              "spec.buffers.writeBufferSize",
              s -> s.getBuffers() == null ? null : s.getBuffers().getWriteBufferSize()),
          timeout(
              ProxyEnv.CLIENT_PING_INTERVAL,
              "clientPingInterval",
              ProxyTimeouts::getClientPingInterval),
          timeout(
              ProxyEnv.CLIENT_PONG_TIMEOUT,
              "clientPongTimeout",
              ProxyTimeouts::getClientPongTimeout),
          timeout(
              ProxyEnv.UPSTREAM_PING_INTERVAL,
              "upstreamPingInterval",
              ProxyTimeouts::getUpstreamPingInterval),
          timeout(
              ProxyEnv.UPSTREAM_PONG_TIMEOUT,
              "upstreamPongTimeout",
              ProxyTimeouts::getUpstreamPongTimeout),
          timeout(ProxyEnv.WRITE_TIMEOUT, "writeTimeout", ProxyTimeouts::getWriteTimeout),
          new FromSpec(
              BillingEnv.STRATEGY,
              "spec.billing.strategy",
              s ->
                  s.getBilling() == null || s.getBilling().getStrategy() == null
                      ? null
                      : s.getBilling().getStrategy().value()),
          new FromSpec(
              BillingEnv.PROVIDER,
              "spec.billing.provider",
              s ->
                  s.getBilling() == null || s.getBilling().getProvider() == null
                      ? null
                      : s.getBilling().getProvider().value()),
          new FromSpec(
              BillingEnv.PRODUCT,
              "spec.billing.product",
              s -> s.getBilling() == null ? null : s.getBilling().getProduct()),
          new FromSpec(
              BillingEnv.REPORT_INTERVAL,
              "spec.billing.reportInterval",
              s -> s.getBilling() == null ? null : s.getBilling().getReportInterval()));

  private static FromSpec timeout(
      ConfigParameter<?> parameter, String name, Function<ProxyTimeouts, String> getter) {
    return new FromSpec(
        parameter,
        "spec.timeouts." + name,
        s -> s.getTimeouts() == null ? null : getter.apply(s.getTimeouts()));
  }

  /**
   * What the proxy would refuse in this spec, field by field: each value the operator would put
   * into the pod is parsed with the parameter the proxy reads it with. Empty when the proxy starts.
   */
  public static List<SpecProblem> problems(SocketXProxySpec spec) {
    if (spec == null) {
      return List.of();
    }
    List<SpecProblem> problems = new ArrayList<>();
    for (FromSpec setting : FROM_SPEC) {
      Object value = setting.value().apply(spec);
      if (value != null) {
        String text = String.valueOf(value);
        setting
            .parameter()
            .problemWith(text)
            .ifPresent(problem -> problems.add(new SpecProblem(setting.field(), text, problem)));
      }
    }
    ProxyUpstreamPolicy.problem(spec).ifPresent(problems::add);
    return problems;
  }

  /** Builds the environment; settings left empty in the spec are left to the proxy's defaults. */
  public static List<EnvVar> of(ProxyPlan plan) {
    SocketXProxySpec spec = plan.proxy().getSpec();
    List<EnvVar> env = new ArrayList<>();
    add(env, ProxyEnv.LISTEN_HOST, "0.0.0.0");
    add(env, ProxyEnv.LISTEN_PORT, CONTAINER_PORT);
    add(env, ProxyEnv.ADMIN_PORT, ADMIN_PORT);
    add(env, ProxyEnv.CONFIGMAP_NAMESPACE, plan.names().namespace());
    add(env, ProxyEnv.CONFIGMAP_NAME, plan.names().configMap());
    // the proxy checks resolved addresses with the address rules the operator checked routes with
    add(env, ProxyEnv.UPSTREAM_DENY, UpstreamPolicy.CLUSTER_DENY);
    add(env, ProxyEnv.UPSTREAM_ALLOW, ProxyUpstreamPolicy.allowedAddresses(spec));
    for (FromSpec setting : FROM_SPEC) {
      add(env, setting.parameter(), spec == null ? null : setting.value().apply(spec));
    }
    if (bills(plan)) {
      BillingIdentity identity = plan.defaults().billingIdentity();
      add(env, BillingEnv.PLAN_ID, identity.planId());
      add(env, BillingEnv.AZURE_CLIENT_ID, identity.clientId());
      add(env, BillingEnv.AZURE_RESOURCE_ID, identity.resourceId());
      // per proxy, so two proxies in one namespace never share a ledger or a reporter
      add(env, BillingEnv.STATE_CONFIGMAP, plan.names().billingLedger());
      add(env, BillingEnv.LEASE, plan.names().billingLease());
    }
    // the files of the mounted Secrets (SecretMounts); their content stays out of the pod template
    add(env, ProxyEnv.IDENTITY_KEY_FILE, SecretMounts.IDENTITY_KEY_FILE);
    if (spec != null && SecretMounts.tls(spec)) {
      add(env, ProxyEnv.TLS_CERT_FILE, SecretMounts.TLS_CERT_FILE);
      add(env, ProxyEnv.TLS_KEY_FILE, SecretMounts.TLS_KEY_FILE);
      TlsVersion min = spec.getTls().getMinVersion();
      add(env, ProxyEnv.TLS_MIN_VERSION, min == null ? null : min.value());
    }
    // labels the instance heartbeat Leases the Programmed condition is built from
    add(env, ProxyEnv.SOCKETX_PROXY_NAME, plan.proxy().getMetadata().getName());
    env.add(fieldRef(ProxyEnv.POD_NAME, "metadata.name"));
    env.add(fieldRef(ProxyEnv.POD_NAMESPACE, "metadata.namespace"));
    return env;
  }

  /** Whether the proxy meters messages, and so needs the billing identity and coordination. */
  public static boolean bills(ProxyPlan plan) {
    BillingSpec billing = plan.proxy().getSpec().getBilling();
    return billing != null && billing.getStrategy() == BillingStrategy.REQUEST_BASED;
  }

  private static void add(List<EnvVar> env, ConfigParameter<?> parameter, Object value) {
    if (value != null) {
      env.add(
          new EnvVarBuilder().withName(parameter.key()).withValue(String.valueOf(value)).build());
    }
  }

  private static EnvVar fieldRef(ConfigParameter<?> parameter, String path) {
    return new EnvVarBuilder()
        .withName(parameter.key())
        .withNewValueFrom()
        .withNewFieldRef()
        .withApiVersion("v1")
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private ProxyEnvironment() {}
}
