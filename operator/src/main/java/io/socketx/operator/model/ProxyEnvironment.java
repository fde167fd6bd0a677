package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.socketx.crd.BillingSpec;
import io.socketx.crd.BillingStrategy;
import io.socketx.crd.LogLevel;
import io.socketx.crd.ProxyBuffers;
import io.socketx.crd.ProxyTimeouts;
import io.socketx.crd.SocketXProxySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy container's environment, the contract between operator and proxy. The DOMAIN_MAP itself
 * is not in it: the proxy watches the named ConfigMap, so route changes never roll pods.
 */
public final class ProxyEnvironment {
  public static final String LISTEN_HOST = "LISTEN_HOST";
  public static final String LISTEN_PORT = "LISTEN_PORT";
  public static final String CONFIGMAP_NAMESPACE = "DOMAIN_MAP_CONFIGMAP_NAMESPACE";
  public static final String CONFIGMAP_NAME = "DOMAIN_MAP_CONFIGMAP_NAME";
  public static final String LOG_LEVEL = "LOG_LEVEL";
  public static final String USE_CONSOLE_LOGS = "USE_CONSOLE_LOGS";
  public static final String KYBER_STRENGTH = "MTE_KYBER_STRENGTH";
  public static final String DECODER_WINDOW_SIZE = "MTE_DECODER_WINDOW_SIZE";
  public static final String READ_BUFFER_SIZE = "WS_READ_BUFFER_SIZE";
  public static final String WRITE_BUFFER_SIZE = "WS_WRITE_BUFFER_SIZE";
  public static final String CLIENT_PING_INTERVAL = "CLIENT_PING_INTERVAL";
  public static final String CLIENT_PONG_TIMEOUT = "CLIENT_PONG_TIMEOUT";
  public static final String UPSTREAM_PING_INTERVAL = "UPSTREAM_PING_INTERVAL";
  public static final String UPSTREAM_PONG_TIMEOUT = "UPSTREAM_PONG_TIMEOUT";
  public static final String WRITE_TIMEOUT = "WRITE_TIMEOUT";
  public static final String BILLING_STRATEGY = "BILLING_STRATEGY";
  public static final String BILLING_PROVIDER = "BILLING_PROVIDER";
  public static final String BILLING_PRODUCT = "BILLING_PRODUCT";
  public static final String BILLING_REPORT_INTERVAL = "BILLING_REPORT_INTERVAL";
  public static final String BILLING_PLAN_ID = "BILLING_PLAN_ID";
  public static final String AZURE_CLIENT_ID = "AZURE_CLIENT_ID";
  public static final String AZURE_RESOURCE_ID = "AZURE_RESOURCE_ID";
  public static final String BILLING_STATE_CONFIGMAP = "BILLING_STATE_CONFIGMAP";
  public static final String BILLING_LEASE = "BILLING_LEASE";
  public static final String SOCKETX_PROXY_NAME = "SOCKETX_PROXY_NAME";
  public static final String POD_NAME = "POD_NAME";
  public static final String POD_NAMESPACE = "POD_NAMESPACE";

  /** The port the proxy listens on inside the pod; the Service maps its own port to it. */
  public static final int CONTAINER_PORT = 8080;

  /** Builds the environment; settings left empty in the spec are left to the proxy's defaults. */
  public static List<EnvVar> of(ProxyPlan plan) {
    SocketXProxySpec spec = plan.proxy().getSpec();
    List<EnvVar> env = new ArrayList<>();
    add(env, LISTEN_HOST, "0.0.0.0");
    add(env, LISTEN_PORT, CONTAINER_PORT);
    add(env, CONFIGMAP_NAMESPACE, plan.names().namespace());
    add(env, CONFIGMAP_NAME, plan.names().configMap());
    add(env, LOG_LEVEL, (spec.getLogLevel() == null ? LogLevel.INFO : spec.getLogLevel()).value());
    add(env, USE_CONSOLE_LOGS, spec.getConsoleLogs());
    add(env, KYBER_STRENGTH, spec.getKyberStrength());
    add(env, DECODER_WINDOW_SIZE, spec.getDecoderWindowSize());
    ProxyBuffers buffers = spec.getBuffers();
    if (buffers != null) {
      add(env, READ_BUFFER_SIZE, buffers.getReadBufferSize());
      add(env, WRITE_BUFFER_SIZE, buffers.getWriteBufferSize());
    }
    ProxyTimeouts timeouts = spec.getTimeouts();
    if (timeouts != null) {
      add(env, CLIENT_PING_INTERVAL, timeouts.getClientPingInterval());
      add(env, CLIENT_PONG_TIMEOUT, timeouts.getClientPongTimeout());
      add(env, UPSTREAM_PING_INTERVAL, timeouts.getUpstreamPingInterval());
      add(env, UPSTREAM_PONG_TIMEOUT, timeouts.getUpstreamPongTimeout());
      add(env, WRITE_TIMEOUT, timeouts.getWriteTimeout());
    }
    BillingSpec billing = spec.getBilling();
    if (billing != null) {
      add(
          env,
          BILLING_STRATEGY,
          billing.getStrategy() == null ? null : billing.getStrategy().value());
      add(
          env,
          BILLING_PROVIDER,
          billing.getProvider() == null ? null : billing.getProvider().value());
      add(env, BILLING_PRODUCT, billing.getProduct());
      add(env, BILLING_REPORT_INTERVAL, billing.getReportInterval());
    }
    if (bills(plan)) {
      BillingIdentity identity = plan.defaults().billingIdentity();
      add(env, BILLING_PLAN_ID, identity.planId());
      add(env, AZURE_CLIENT_ID, identity.clientId());
      add(env, AZURE_RESOURCE_ID, identity.resourceId());
      // per proxy, so two proxies in one namespace never share a ledger or a reporter
      add(env, BILLING_STATE_CONFIGMAP, plan.names().billingLedger());
      add(env, BILLING_LEASE, plan.names().billingLease());
    }
    // labels the instance heartbeat Leases the Programmed condition is built from
    add(env, SOCKETX_PROXY_NAME, plan.proxy().getMetadata().getName());
    env.add(fieldRef(POD_NAME, "metadata.name"));
    env.add(fieldRef(POD_NAMESPACE, "metadata.namespace"));
    return env;
  }

  /** Whether the proxy meters messages, and so needs the billing identity and coordination. */
  public static boolean bills(ProxyPlan plan) {
    BillingSpec billing = plan.proxy().getSpec().getBilling();
    return billing != null && billing.getStrategy() == BillingStrategy.REQUEST_BASED;
  }

  private static void add(List<EnvVar> env, String name, Object value) {
    if (value != null) {
      env.add(new EnvVarBuilder().withName(name).withValue(String.valueOf(value)).build());
    }
  }

  private static EnvVar fieldRef(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
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
