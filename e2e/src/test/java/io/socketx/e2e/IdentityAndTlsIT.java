package io.socketx.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.socketx.demo.DeploymentEnv;
import io.socketx.demo.SecretVolumes;
import io.socketx.e2e.support.Command;
import io.socketx.e2e.support.JarProcess;
import io.socketx.e2e.support.KubeCluster;
import io.socketx.e2e.support.ProxyClient;
import io.socketx.e2e.support.Repo;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.proxy.demo.DemoEchoUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15 against a real kube-apiserver: a SocketXProxy gets its identity key Secret and shows the
 * fingerprint in its status; a proxy process started with the Deployment's exact environment (its
 * Secret volumes written to disk as the kubelet would) is given that key; a proxy with spec.tls
 * serves wss:// with the Secret's certificate and picks up a replaced certificate without the
 * operator rolling the pods.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityAndTlsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static KubeCluster cluster;
  private static JarProcess operator;
  private static final String HOST = "pinned.e2e.test";
  private static JarProcess pinned;
  private static int pinnedPort;
  private static SecretVolumes pinnedVolumes;
  private static DemoEchoUpstream upstream;
  private static JarProcess secure;

  @BeforeAll
  static void startCluster() throws Exception {
    Files.createDirectories(Repo.work());
    cluster = KubeCluster.start(Repo.work().resolve("k8s-identity"));
    upstream = DemoEchoUpstream.start("E:");
    cluster.kubectlOk("apply", "--validate=false", "-f", Repo.require("crd/crds").toString());
    cluster.kubectlOk(
        "wait",
        "--for=condition=established",
        "--timeout=60s",
        "crd/socketxproxies.socketx.io",
        "crd/socketxroutes.socketx.io");
    Map<String, String> env = new HashMap<>();
    env.put("KUBECONFIG", cluster.kubeconfig().toString());
    env.put("SOCKETX_LEASE_NAMESPACE", "default");
    env.put("SOCKETX_HTTP_PORT", Integer.toString(freePort()));
    env.put("LOG_LEVEL", "info");
    operator =
        JarProcess.start(
            "identity-operator", Repo.require("operator/target/socketx-operator.jar"), env);
  }

  @AfterAll
  static void stopAll() {
    for (AutoCloseable c : new AutoCloseable[] {pinned, secure, operator, upstream, cluster}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
  }

  @Test
  @Order(1)
  void aProxyGetsItsIdentitySecretAndItsStatusShowsTheFingerprint() {
    cluster
        .kubectlWithInput(manifest("pinned-proxy.yaml"), "apply", "-f", "-")
        .orThrow(List.of("kubectl apply pinned"));
    cluster
        .kubectlWithInput(
            manifest("pinned-route.yaml")
                .replace("${HOST}", HOST)
                .replace("${UPSTREAM}", upstream.uri().toString()),
            "apply",
            "-f",
            "-")
        .orThrow(List.of("kubectl apply pinned route"));
    await("status.identity.current")
        .atMost(WAIT)
        .until(() -> !jsonpath("sxp", "pinned", "{.status.identity.current}").isEmpty());

    String fingerprint = jsonpath("sxp", "pinned", "{.status.identity.current}");
    assertThat(secretKeys("pinned-identity").fingerprints().get(0).toString())
        .as("the status names the key in the Secret")
        .isEqualTo(fingerprint);
    assertThat(jsonpath("configmap", "pinned-identity", "{.data.current}")).isEqualTo(fingerprint);
    assertThat(cluster.kubectlOk("get", "sxp", "pinned"))
        .as("the Fingerprint printer column")
        .contains(fingerprint);
    assertThat(
            jsonpath("sxp", "pinned", "{.status.conditions[?(@.type==\"IdentityReady\")].status}"))
        .isEqualTo("True");
    String events = cluster.kubectlOk("get", "events", "-o", "json");
    assertThat(events).contains("IdentityKeyCreated");
    for (String line : keyLines(secretPem("pinned-identity"))) {
      assertThat(events).doesNotContain(line);
      assertThat(cluster.kubectlOk("get", "sxp", "pinned", "-o", "json")).doesNotContain(line);
    }
  }

  @Test
  @Order(2)
  void aProxyStartedWithTheDeploymentsExactEnvironmentLoadsThatKey() throws Exception {
    Deployment deployment = awaitDeployment("pinned");
    pinnedVolumes =
        new SecretVolumes(cluster::secret, deployment, Repo.work().resolve("volumes-pinned"));
    pinnedVolumes.write();
    Map<String, String> env = pinnedVolumes.rewrite(DeploymentEnv.of(deployment, "pinned-1"));
    int port = freePort();
    pinnedPort = port;
    env.put("LISTEN_HOST", "127.0.0.1");
    env.put("LISTEN_PORT", Integer.toString(port));
    int adminPort = onLoopback(env);
    env.put("KUBECONFIG", cluster.kubeconfig().toString());
    // key and certificate files are re-read at this interval; every second keeps the test short
    env.put("TLS_RELOAD_INTERVAL", "1s");

    String fingerprint = jsonpath("sxp", "pinned", "{.status.identity.current}");
    Path keyFile = Path.of(env.get("IDENTITY_KEY_FILE"));
    assertThat(IdentityKeys.parsePem(Files.readString(keyFile)).fingerprints().get(0).toString())
        .isEqualTo(fingerprint);

    pinned = JarProcess.start("pinned-1", Repo.require("proxy/target/socketx-proxy.jar"), env);
    await("the proxy with the identity key file is ready")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> status(HttpClient.newHttpClient(), "http", adminPort) == 200);
    assertThat(pinned.output())
        .as("the proxy logs the fingerprint of the key it loaded, never the key")
        .contains(fingerprint);
    for (String line : keyLines(secretPem("pinned-identity"))) {
      assertThat(pinned.output()).doesNotContain(line);
    }

    // the Java client pinned to the fingerprint from status connects; another pin is refused
    await("the route reaches the proxy")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> askPinned("hello", fingerprint).equals("E:hello"));
    String stranger =
        io.socketx.protocol.v2.IdentityKey.generate(new java.security.SecureRandom())
            .fingerprint()
            .toString();
    assertRefused(fingerprint, stranger);
  }

  @Test
  @Order(3)
  void aRotationOnTheRealApiServerIsFollowedByTheRunningProxyWithoutRollingThePods()
      throws Exception {
    String deploymentVersion = jsonpath("deployment", "pinned", "{.metadata.resourceVersion}");
    String old = jsonpath("sxp", "pinned", "{.status.identity.current}");
    cluster.kubectlOk(
        "patch",
        "sxp",
        "pinned",
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"identity\":{\"rotate\":\"e2e-1\",\"rotationOverlap\":\"30s\"}}}");

    await("next key published")
        .atMost(WAIT)
        .until(() -> "NextPublished".equals(jsonpath("sxp", "pinned", "{.status.identity.phase}")));
    String next = jsonpath("sxp", "pinned", "{.status.identity.next}");
    assertThat(jsonpath("configmap", "pinned-identity", "{.data.pins}"))
        .isEqualTo(old + " " + next);
    awaitServed("[" + old + ", " + next + "]");
    // the overlap: no client of either pin, or of both, is refused
    assertThat(askPinned("a", old)).isEqualTo("E:a");
    assertThat(askPinned("b", old, next)).isEqualTo("E:b");
    assertThat(askPinned("c", next)).isEqualTo("E:c");

    await("promoted after the overlap")
        .atMost(WAIT)
        .until(() -> "Promoted".equals(jsonpath("sxp", "pinned", "{.status.identity.phase}")));
    assertThat(jsonpath("sxp", "pinned", "{.status.identity.current}")).isEqualTo(next);
    awaitServed("[" + next + ", " + old + "]");
    assertThat(askPinned("d", old)).isEqualTo("E:d");
    assertThat(askPinned("e", old, next)).isEqualTo("E:e");
    assertThat(askPinned("f", next)).isEqualTo("E:f");

    await("the old key removed after the second overlap")
        .atMost(WAIT)
        .until(() -> "Stable".equals(jsonpath("sxp", "pinned", "{.status.identity.phase}")));
    awaitServed("[" + next + "]");
    assertThat(askPinned("g", next)).isEqualTo("E:g");
    assertThat(askPinned("h", old, next)).isEqualTo("E:h");
    assertRefused(next, old);

    String events = cluster.kubectlOk("get", "events", "-o", "json");
    assertThat(events)
        .contains("IdentityRotationStarted", "IdentityKeyPromoted", "IdentityRotationCompleted");
    assertThat(jsonpath("deployment", "pinned", "{.metadata.resourceVersion}"))
        .as("no step of the rotation touched the Deployment")
        .isEqualTo(deploymentVersion);
  }

  private static String askPinned(String text, String... pins) throws Exception {
    return ProxyClient.askOnce(pinnedPort, HOST, List.of(pins), text);
  }

  /** A client pinning only {@code pin} is refused, and told the fingerprint presented. */
  private static void assertRefused(String presented, String pin) {
    assertThatThrownBy(() -> askPinned("refused", pin))
        .satisfies(
            e -> {
              StringBuilder messages = new StringBuilder();
              for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
              }
              assertThat(messages.toString()).contains(presented);
            });
  }

  /** Writes the Secret as the kubelet would, then waits for the proxy to serve {@code keys}. */
  private static void awaitServed(String keys) {
    pinnedVolumes.write();
    await("the proxy serves " + keys)
        .atMost(WAIT)
        .until(() -> pinned.output().contains("now " + keys));
    assertThat(pinned.isAlive()).isTrue();
  }

  @Test
  @Order(4)
  void aProxyWithSpecTlsServesWssWithTheSecretsCertificateAndPicksUpAReplacement()
      throws Exception {
    Path pki = Files.createDirectories(Repo.work().resolve("pki"));
    X509Certificate first = selfSigned(pki.resolve("first"));
    X509Certificate second = selfSigned(pki.resolve("second"));
    applyTlsSecret(pki.resolve("first"));
    cluster
        .kubectlWithInput(manifest("secure-proxy.yaml"), "apply", "-f", "-")
        .orThrow(List.of("kubectl apply secure"));
    await("TLSReady")
        .atMost(WAIT)
        .until(
            () ->
                "True"
                    .equals(
                        jsonpath(
                            "sxp",
                            "secure",
                            "{.status.conditions[?(@.type==\"TLSReady\")].status}")));

    Deployment deployment = awaitDeployment("secure");
    String templateVersion = deployment.getMetadata().getResourceVersion();
    SecretVolumes volumes =
        new SecretVolumes(cluster::secret, deployment, Repo.work().resolve("volumes-secure"));
    volumes.write();
    Map<String, String> env = volumes.rewrite(DeploymentEnv.of(deployment, "secure-1"));
    assertThat(env).containsKeys("TLS_CERT_FILE", "TLS_KEY_FILE", "TLS_MIN_VERSION");
    int port = freePort();
    env.put("LISTEN_HOST", "127.0.0.1");
    env.put("LISTEN_PORT", Integer.toString(port));
    onLoopback(env);
    env.put("KUBECONFIG", cluster.kubeconfig().toString());
    // the kubelet refreshes Secret volumes within about a minute; check the files every second
    env.put("TLS_RELOAD_INTERVAL", "1s");
    secure = JarProcess.start("secure-1", Repo.require("proxy/target/socketx-proxy.jar"), env);

    await("wss:// with the Secret's certificate")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> servedSerial(port, first, second).equals(first.getSerialNumber()));

    applyTlsSecret(pki.resolve("second"));
    volumes.write();
    await("the replaced certificate is served without a restart")
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> servedSerial(port, first, second).equals(second.getSerialNumber()));
    assertThat(secure.isAlive()).isTrue();
    assertThat(
            cluster.kubectlOk(
                "get", "deployment", "secure", "-o", "jsonpath={.metadata.resourceVersion}"))
        .as("a Secret change never touches the Deployment")
        .isEqualTo(templateVersion);
  }

  // ---------------------------------------------------------------------------------------

  private static String manifest(String name) {
    try (InputStream in = IdentityAndTlsIT.class.getResourceAsStream("/manifests/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String jsonpath(String kind, String name, String path) {
    return cluster.kubectl("get", kind, name, "-o", "jsonpath=" + path).out().trim();
  }

  private static Deployment awaitDeployment(String name) {
    await("Deployment " + name)
        .atMost(WAIT)
        .until(() -> cluster.kubectl("get", "deployment", name).exit() == 0);
    return Serialization.unmarshal(
        cluster.kubectlOk("get", "deployment", name, "-o", "json"), Deployment.class);
  }

  private static String secretPem(String name) {
    return new String(
        Base64.getDecoder().decode(jsonpath("secret", name, "{.data.identity\\.pem}")),
        StandardCharsets.US_ASCII);
  }

  private static IdentityKeys secretKeys(String name) {
    return IdentityKeys.parsePem(secretPem(name));
  }

  private static List<String> keyLines(String pem) {
    return pem.lines().filter(l -> !l.startsWith("-----") && !l.isBlank()).toList();
  }

  /** A self-signed certificate for 127.0.0.1 from openssl, in {@code dir}/tls.crt and tls.key. */
  private static X509Certificate selfSigned(Path dir) throws Exception {
    Files.createDirectories(dir);
    Command.run(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                dir.resolve("tls.key").toString(),
                "-out",
                dir.resolve("tls.crt").toString()),
            Map.of(),
            null,
            Repo.root())
        .orThrow(List.of("openssl req"));
    try (InputStream in = Files.newInputStream(dir.resolve("tls.crt"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** Creates or replaces the kubernetes.io/tls Secret "secure-tls" from {@code dir}. */
  private static void applyTlsSecret(Path dir) {
    String yaml =
        cluster.kubectlOk(
            "create",
            "secret",
            "tls",
            "secure-tls",
            "--cert",
            dir.resolve("tls.crt").toString(),
            "--key",
            dir.resolve("tls.key").toString(),
            "--dry-run=client",
            "-o",
            "yaml");
    cluster.kubectlWithInput(yaml, "apply", "-f", "-").orThrow(List.of("kubectl apply secret"));
  }

  /** The serial number of the certificate the listener presents (trusting either test one). */
  private static BigInteger servedSerial(int port, X509Certificate... trusted) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < trusted.length; i++) {
      store.setCertificateEntry("c" + i, trusted[i]);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  private static int status(HttpClient http, String scheme, int port) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /**
   * The admin listener on a free loopback port (not every interface's 9090, which two proxies would
   * share); returns the admin port. (Loopback upstreams are allowed by the proxies'
   * spec.upstreamPolicy.)
   */
  private static int onLoopback(Map<String, String> env) throws IOException {
    int adminPort = freePort();
    env.put("ADMIN_HOST", "127.0.0.1");
    env.put("ADMIN_PORT", Integer.toString(adminPort));
    return adminPort;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
