package io.socketx.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.socketx.demo.DeploymentEnv;
import io.socketx.e2e.support.Command;
import io.socketx.e2e.support.JarProcess;
import io.socketx.e2e.support.KubeCluster;
import io.socketx.e2e.support.ProxyClient;
import io.socketx.e2e.support.Repo;
import io.socketx.e2e.support.TestIdentity;
import io.socketx.proxy.demo.DemoEchoUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system against a real kube-apiserver: CRDs and resources applied with kubectl, the
 * operator jar and a proxy jar as local processes (there is no kubelet), the proxy configured
 * exactly as the operator's Deployment says and watching its ConfigMap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveRoutingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = "app.e2e.test";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static KubeCluster cluster;
  private static JarProcess operator;
  private static JarProcess proxy;
  private static int proxyPort;
  private static DemoEchoUpstream upstreamA;
  private static DemoEchoUpstream upstreamB;
  private static final List<Long> propagationMillis = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    Files.createDirectories(Repo.work());
    cluster = KubeCluster.start(Repo.work().resolve("k8s"));
    upstreamA = DemoEchoUpstream.start("A:");
    upstreamB = DemoEchoUpstream.start("B:");
  }

  @AfterAll
  static void stopAll() throws IOException {
    for (AutoCloseable c : new AutoCloseable[] {proxy, operator, upstreamA, upstreamB, cluster}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
    writePropagationReport();
  }

  @Test
  @Order(1)
  void crdsApplyWithKubectlAndTheOperatorStarts() throws Exception {
    // v1.20 predates CEL (x-kubernetes-validations): kubectl's client-side check rejects the
    // field, the server drops it; everything else in the schema is enforced (see docs/install.md)
    cluster.kubectlOk("apply", "--validate=false", "-f", Repo.require("crd/crds").toString());
    cluster.kubectlOk(
        "wait",
        "--for=condition=established",
        "--timeout=60s",
        "crd/socketxproxies.socketx.io",
        "crd/socketxroutes.socketx.io");
    operator = startOperator();
    cluster.kubectlOk("apply", "-f", Repo.require("examples/quickstart/proxy.yaml").toString());

    await("the operator creates the DOMAIN_MAP ConfigMap and the Deployment")
        .atMost(WAIT)
        .until(
            () ->
                cluster.kubectl("get", "configmap", "quickstart-domain-map").exit() == 0
                    && cluster.kubectl("get", "deployment", "quickstart").exit() == 0);
  }

  @Test
  @Order(2)
  void aClientReachesALocalUpstreamThroughAProxyWatchingItsConfigMap() throws Exception {
    applyRoute("app", HOST, upstreamA.uri().toString());
    proxy = startProxyAsTheDeploymentSays("e2e-proxy-1");

    await("the route reaches the proxy")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> ProxyClient.askOnce(proxyPort, HOST, "hello").equals("A:hello"));
  }

  @Test
  @Order(3)
  void kubectlWaitForProgrammedSucceedsOnceThePodServesTheCurrentConfig() {
    Command.Result wait =
        cluster.kubectl(
            "wait", "--for=condition=Programmed", "--timeout=60s", "socketxproxy/quickstart");

    assertThat(wait.exit()).as(wait.err()).isZero();
    String served = readyzHash();
    String current =
        cluster.kubectlOk("get", "sxp", "quickstart", "-o", "jsonpath={.status.configHash}");
    assertThat(served).isEqualTo(current);
  }

  @Test
  @Order(4)
  void anUpstreamChangeMovesNewConnectionsWhileAnOpenOneKeepsItsUpstream() throws Exception {
    try (ProxyClient open = ProxyClient.connect(proxyPort, HOST)) {
      assertThat(open.ask("before")).isEqualTo("A:before");

      for (int round = 0; round < 10; round++) {
        DemoEchoUpstream target = round % 2 == 0 ? upstreamB : upstreamA;
        String tag = round % 2 == 0 ? "B:" : "A:";
        long start = System.nanoTime();
        applyRoute("app", HOST, target.uri().toString());
        await("new connections reach " + tag)
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(20))
            .ignoreExceptions()
            .until(() -> ProxyClient.askOnce(proxyPort, HOST, "x").startsWith(tag));
        propagationMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }

      assertThat(open.ask("after"))
          .as("an open connection keeps its upstream")
          .isEqualTo("A:after");
    }
  }

  @Test
  @Order(5)
  void aConflictingRouteIsRejectedWithHostConflictNamingTheWinner() {
    applyRoute("app-copy", HOST, upstreamB.uri().toString());

    await()
        .atMost(WAIT)
        .until(() -> "HostConflict".equals(condition("sxr", "app-copy", "Accepted", "reason")));
    assertThat(condition("sxr", "app-copy", "Accepted", "message"))
        .contains("already served by SocketXRoute default/app on");
    assertThat(condition("sxr", "app", "Accepted", "status")).isEqualTo("True");
    cluster.kubectlOk("delete", "sxr", "app-copy");
  }

  @Test
  @Order(6)
  void anInvalidRouteIsRejectedByTheApiServersSchema() {
    Command.Result r =
        cluster.kubectlWithInput(
            route("bad", HOST, "http://not-a-websocket.example"), "apply", "-f", "-");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("upstream");
  }

  @Test
  @Order(7)
  void deletingARouteDrainsItsOpenConnectionsWith1001() throws Exception {
    applyRoute("doomed", "doomed.e2e.test", upstreamA.uri().toString());
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> ProxyClient.askOnce(proxyPort, "doomed.e2e.test", "hi").equals("A:hi"));
    try (ProxyClient open = ProxyClient.connect(proxyPort, "doomed.e2e.test")) {
      cluster.kubectlOk("delete", "sxr", "doomed");

      assertThat(open.closeCode().get(60, TimeUnit.SECONDS)).isEqualTo(1001);
    }
  }

  @Test
  @Order(8)
  void aRestartedOperatorConvergesWithoutRewritingAnything() throws Exception {
    // the previous test deleted a route: its status writes (new configHash, then Programmed
    // once the proxy's heartbeat reports that hash) must land before the snapshot is taken
    awaitProgrammedWithTheServedConfig();
    String cmBefore = resourceVersion("configmap", "quickstart-domain-map");
    String deployBefore = resourceVersion("deployment", "quickstart");
    String proxyBefore = resourceVersion("sxp", "quickstart");

    assertThat(operator.stop(Duration.ofSeconds(30)))
        .as("a graceful exit on SIGTERM (143 = the JVM's 128 + SIGTERM)")
        .isIn(0, 143);
    operator = startOperator();
    await("the new operator has reconciled the proxy and its routes")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> successfulReconciliations() >= 2);

    assertThat(resourceVersion("configmap", "quickstart-domain-map")).isEqualTo(cmBefore);
    assertThat(resourceVersion("deployment", "quickstart")).isEqualTo(deployBefore);
    assertThat(resourceVersion("sxp", "quickstart")).isEqualTo(proxyBefore);

    applyRoute("after-restart", "restart.e2e.test", upstreamB.uri().toString());
    await("the restarted operator picks up the next change")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> ProxyClient.askOnce(proxyPort, "restart.e2e.test", "r").equals("B:r"));
    assertThat(resourceVersion("deployment", "quickstart")).isEqualTo(deployBefore);
  }

  @Test
  @Order(9)
  void theProxyKeepsServingWhileTheApiServerIsDownAndCatchesUpAfterwards() throws Exception {
    cluster.stopApiServer();
    try {
      assertThat(ProxyClient.askOnce(proxyPort, "restart.e2e.test", "down")).isEqualTo("B:down");
      assertThat(get(proxyPort, "/readyz")).isEqualTo(200);
    } finally {
      cluster.startApiServer();
    }
    applyRoute("after-restart", "restart.e2e.test", upstreamA.uri().toString());

    await("the proxy re-syncs after the API server came back")
        .atMost(Duration.ofSeconds(120))
        .ignoreExceptions()
        .until(() -> ProxyClient.askOnce(proxyPort, "restart.e2e.test", "up").equals("A:up"));
  }

  // ---------------------------------------------------------------------------------------

  private static int operatorPort;

  private static JarProcess startOperator() throws IOException {
    operatorPort = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("KUBECONFIG", cluster.kubeconfig().toString());
    env.put("SOCKETX_LEASE_NAMESPACE", "default");
    env.put("SOCKETX_HTTP_PORT", Integer.toString(operatorPort));
    env.put("LOG_LEVEL", "info");
    return JarProcess.start("operator", Repo.require("operator/target/socketx-operator.jar"), env);
  }

  /** Starts the proxy jar with the container env of the operator's Deployment. */
  private static JarProcess startProxyAsTheDeploymentSays(String podName) throws Exception {
    Deployment deployment =
        Serialization.unmarshal(
            cluster.kubectlOk("get", "deployment", "quickstart", "-o", "json"), Deployment.class);
    Map<String, String> env = DeploymentEnv.of(deployment, podName);
    assertThat(env).containsKeys("DOMAIN_MAP_CONFIGMAP_NAME", "DOMAIN_MAP_CONFIGMAP_NAMESPACE");
    proxyPort = freePort();
    env.put("LISTEN_HOST", "127.0.0.1");
    env.put("LISTEN_PORT", Integer.toString(proxyPort));
    env.put("KUBECONFIG", cluster.kubeconfig().toString());
    env.put("ROUTE_DRAIN_PERIOD", "1s");
    // the pod would mount its identity Secret here
    env.put("IDENTITY_KEY_FILE", TestIdentity.file().toString());
    JarProcess p = JarProcess.start(podName, Repo.require("proxy/target/socketx-proxy.jar"), env);
    await(podName + " is ready")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> get(proxyPort, "/readyz") == 200);
    return p;
  }

  /** Waits until the status names the config the proxy serves and says Programmed=True. */
  private static void awaitProgrammedWithTheServedConfig() {
    await("status.configHash is the served config and Programmed is True")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                readyzHash()
                        .equals(
                            cluster.kubectlOk(
                                "get", "sxp", "quickstart", "-o", "jsonpath={.status.configHash}"))
                    && "True".equals(condition("sxp", "quickstart", "Programmed", "status")));
  }

  private static String route(String name, String host, String upstream) {
    try (InputStream in = LiveRoutingIT.class.getResourceAsStream("/manifests/route.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${NAME}", name)
          .replace("${HOST}", host)
          .replace("${UPSTREAM}", upstream);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void applyRoute(String name, String host, String upstream) {
    cluster
        .kubectlWithInput(route(name, host, upstream), "apply", "-f", "-")
        .orThrow(List.of("kubectl apply route " + name));
  }

  private static String condition(String kind, String name, String type, String field) {
    return cluster
        .kubectl(
            "get",
            kind,
            name,
            "-o",
            "jsonpath={.status.conditions[?(@.type==\"" + type + "\")]." + field + "}")
        .out();
  }

  private static String resourceVersion(String kind, String name) {
    return cluster.kubectlOk("get", kind, name, "-o", "jsonpath={.metadata.resourceVersion}");
  }

  /** Sum of the operator's successful reconciliations, from its Prometheus endpoint. */
  private static double successfulReconciliations() throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operatorPort + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return metrics
        .lines()
        .filter(l -> l.startsWith("operator_sdk_reconciliations_success"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String readyzHash() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/readyz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body()).path("configHash").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void writePropagationReport() throws IOException {
    if (propagationMillis.isEmpty()) {
      return;
    }
    List<Long> sorted = new ArrayList<>(propagationMillis);
    Collections.sort(sorted);
    long p50 = sorted.get((sorted.size() - 1) / 2);
    long p99 = sorted.get(sorted.size() - 1);
    String line =
        String.format(
            "route propagation (kubectl apply -> first new connection routed to the new upstream),"
                + " %d changes: p50 %d ms, p99 %d ms, all %s%n",
            sorted.size(), p50, p99, propagationMillis);
    System.out.print(line);
    Files.writeString(Repo.work().resolve("propagation.txt"), line);
  }
}
