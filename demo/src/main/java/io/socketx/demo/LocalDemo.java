package io.socketx.demo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.socketx.client.ClientOptions;
import io.socketx.client.SocketXClient;
import io.socketx.client.SocketXConnection;
import io.socketx.client.SocketXListener;
import io.socketx.contract.env.ProxyEnv;
import io.socketx.operator.OperatorConfig;
import io.socketx.operator.SocketXOperator;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.proxy.demo.DemoEchoUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code socketx-demo}: the whole system locally with no cluster — a Kubernetes API, the CRDs, the
 * operator, a proxy process watching the ConfigMap the operator writes, two echo upstreams and the
 * quickstart resources — plus {@code apply -f FILE} to change routes live.
 */
public final class LocalDemo {
  static final String USAGE =
      "usage: socketx-demo [run] [--real-apiserver] [--port PORT] [--page-port PORT]\n"
          + "       socketx-demo apply -f FILE     (against the running demo's API)\n"
          + "       socketx-demo get [KINDS]       (KINDS: "
          + ResourceTable.NAMES
          + "; default both)";
  static final Path WORK = Path.of("target/demo");
  private final Path root;

  static final String PROXY = "quickstart";
  static final String HOST = "echo.example.com";

  /** Held so that the JUL configuration below is not garbage-collected. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    // java.net.http refuses a Host header unless told otherwise (read when it first loads)
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
  }

  private final List<AutoCloseable> resources = new ArrayList<>();

  /** A demo run from the repository checkout at {@code root}. */
  LocalDemo(Path root) {
    this.root = root;
  }

  public static void main(String[] args) throws Exception {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING); // it logs every request at INFO
    List<String> a = List.of(args);
    if (a.contains("--help") || a.contains("-h")) {
      System.out.println(USAGE);
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("apply")) {
      System.exit(apply(a));
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("get")) {
      System.exit(get(a));
      return;
    }
    boolean real = a.contains("--real-apiserver");
    int port = portOption(a, "--port", 8080);
    int pagePort = portOption(a, "--page-port", 0);
    if (!Files.isDirectory(Path.of("examples/quickstart"))) {
      System.err.println("socketx-demo: run me from the repository root (examples/ not found)");
      System.exit(2);
    }
    LocalDemo demo = new LocalDemo(Path.of(""));
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  demo.stop();
                  stopped.complete(null);
                },
                "socketx-demo-stop"));
    try {
      demo.run(real, port, pagePort);
    } catch (Exception e) {
      System.err.println("socketx-demo: " + e.getMessage());
      System.exit(1);
    }
    stopped.join();
  }

  /** The number after {@code option}, or {@code otherwise} without it; exits 2 on a bad one. */
  private static int portOption(List<String> args, String option, int otherwise) {
    int i = args.indexOf(option);
    if (i < 0) {
      return otherwise;
    }
    if (i + 1 >= args.size() || !args.get(i + 1).matches("[0-9]{1,5}")) {
      System.err.println("socketx-demo: " + option + " needs a port number\n" + USAGE);
      System.exit(2);
    }
    return Integer.parseInt(args.get(i + 1));
  }

  /**
   * Starts everything, the echo chat page on {@code pagePort} ({@code 0}: a free port); returns
   * once the proxy answered a first round trip on both the quickstart route and the page's.
   */
  DemoEndpoints run(boolean real, int port, int pagePort) throws Exception {
    Path work = root.resolve(WORK);
    Files.createDirectories(work);
    step(
        "Starting "
            + (real
                ? "a real kube-apiserver (scripts/k8s)"
                : "an embedded Kubernetes API (fabric8 mock server, CRUD mode)"));
    // `apply` and `get` find the API through the kubeconfig it writes: drop one left behind
    Files.deleteIfExists(MockKubeApi.kubeconfigIn(work));
    KubeApi api = track(real ? new RealKubeApi(root, work) : new MockKubeApi(work));
    KubernetesClient client = api.client();

    step("Applying the CRDs from crd/crds/");
    for (String crd :
        List.of(
            "socketxproxies.socketx.io.yaml",
            "socketxroutes.socketx.io.yaml",
            "socketxroutegrants.socketx.io.yaml")) {
      ResourceFiles.apply(
          client, ResourceFiles.load(client, root.resolve("crd/crds").resolve(crd)), r -> r);
    }
    if (real) {
      await("the CRDs are established", Duration.ofSeconds(60), () -> crdsServed(client));
    }

    step("Starting the operator");
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                "SOCKETX_LEADER_ELECTION", "false",
                "SOCKETX_SERVER_SIDE_APPLY", Boolean.toString(api.serverSideApply()),
                "SOCKETX_HTTP_PORT", "0"));
    Operator operator =
        SocketXOperator.create(
            client, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    operator.start();
    resources.add(0, operator::stop);

    step("Starting two demo upstreams (plain echo, and one that answers \"v2: <message>\")");
    DemoEchoUpstream echo = track(DemoEchoUpstream.start());
    DemoEchoUpstream v2 = track(DemoEchoUpstream.start("v2: "));

    // The pod would mount its identity Secret; locally the demo makes a key and its clients pin it.
    IdentityKeys identity = IdentityKeys.of(IdentityKey.generate(new SecureRandom()));
    Path keyFile = work.resolve("identity.pem");
    Files.writeString(keyFile, identity.toPem());
    String pin = identity.fingerprints().get(0).toString();

    step("Serving the echo chat page (clients/js/demo, the browser build of @socketx/client)");
    DemoPage page =
        track(DemoPage.start(root, pagePort, URI.create("ws://127.0.0.1:" + port + "/chat"), pin));

    step(
        "Applying examples/quickstart/proxy.yaml and routes.yaml (route upstreams -> the local echo)");
    ResourceFiles.apply(
        client,
        ResourceFiles.load(client, root.resolve("examples/quickstart/proxy.yaml")),
        ResourceFiles::allowLoopback);
    ResourceFiles.apply(
        client,
        ResourceFiles.load(client, root.resolve("examples/quickstart/routes.yaml")),
        r -> ResourceFiles.routeTo(r, echo.uri().toString()));
    Path pageRoute = work.resolve("route-page.yaml");
    Files.writeString(
        pageRoute,
        "# What the browser reaches: Host 127.0.0.1 (any port), only from the page's origin.\n"
            + "apiVersion: socketx.io/v1alpha1\nkind: SocketXRoute\nmetadata:\n  name: page\n"
            + "  namespace: default\nspec:\n  proxyRef:\n    name: quickstart\n  hosts:\n"
            + "    - 127.0.0.1\n  upstream:\n    url: "
            + echo.uri()
            + "\n  allowedOrigins:\n    - "
            + page.origin()
            + "\n");
    ResourceFiles.apply(client, ResourceFiles.load(client, pageRoute), r -> r);
    await(
        "the operator writes the DOMAIN_MAP ConfigMap and the Deployment",
        Duration.ofSeconds(60),
        () ->
            configMap(client) != null
                && client.apps().deployments().inNamespace("default").withName(PROXY).get()
                    != null);

    step("Starting the proxy as the operator's Deployment describes it, watching its ConfigMap");
    Deployment deployment =
        client.apps().deployments().inNamespace("default").withName(PROXY).get();
    // what the kubelet would do: write the Secret volumes (the identity key) and point the env
    // at them; the operator creates the identity Secret before the Deployment
    SecretVolumes volumes =
        new SecretVolumes(
            name -> client.secrets().inNamespace("default").withName(name).get(),
            deployment,
            work.resolve("volumes"));
    volumes.write();
    Map<String, String> env = volumes.rewrite(DeploymentEnv.of(deployment, PROXY + "-local-0"));
    env.put(ProxyEnv.LISTEN_HOST.key(), "127.0.0.1");
    env.put(ProxyEnv.LISTEN_PORT.key(), Integer.toString(port));
    int adminPort = freeLoopbackPort();
    env.put(ProxyEnv.ADMIN_HOST.key(), "127.0.0.1");
    env.put(ProxyEnv.ADMIN_PORT.key(), Integer.toString(adminPort));
    // the demo's echo upstreams run on 127.0.0.1, which deployed proxies refuse
    env.put(ProxyEnv.UPSTREAM_ALLOW.key(), "loopback");
    env.put("KUBECONFIG", api.kubeconfig().toAbsolutePath().toString());
    env.put(ProxyEnv.ROUTE_DRAIN_PERIOD.key(), "5s");
    env.put(ProxyEnv.USE_CONSOLE_LOGS.key(), "true");
    // the demo's own key instead of the operator's Secret: the page, served before the operator
    // made that Secret, already pins it; README's commands read it from target/demo/identity.pem
    env.put(ProxyEnv.IDENTITY_KEY_FILE.key(), keyFile.toAbsolutePath().toString());
    Path proxyLog = work.resolve("proxy.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                "java", "-jar", root.resolve("proxy/target/socketx-proxy.jar").toString())
            .redirectErrorStream(true)
            .redirectOutput(proxyLog.toFile());
    pb.environment().putAll(env);
    Process proxy = pb.start();
    resources.add(
        0,
        () -> {
          proxy.destroy();
          proxy.waitFor(15, TimeUnit.SECONDS);
        });
    await(
        "the proxy is ready on 127.0.0.1:" + port + " (log: " + proxyLog + ")",
        Duration.ofSeconds(60),
        () -> proxy.isAlive() && status("http://127.0.0.1:" + adminPort + "/readyz") == 200);

    Path v2Route = work.resolve("route-v2.yaml");
    Files.writeString(
        v2Route,
        "# The quickstart's echo route, pointed at the second demo upstream.\n"
            + "apiVersion: socketx.io/v1alpha1\nkind: SocketXRoute\nmetadata:\n  name: echo\n"
            + "  namespace: default\nspec:\n  proxyRef:\n    name: quickstart\n  hosts:\n"
            + "    - echo.example.com\n    - echo.example.com:8080\n  upstream:\n    url: "
            + v2.uri()
            + "\n  allowedOrigins:\n    - \"*\"\n");

    step("Round trip through the proxy with the Java client (Host: " + HOST + ")");
    System.out.println("    sent \"hello\", got \"" + roundTrip(port, pin, "hello") + "\"");
    await(
        "the page's route serves Host 127.0.0.1 from the origin " + page.origin(),
        Duration.ofSeconds(60),
        () -> "page".equals(pageRoundTrip(port, pin, page.origin())));

    System.out.println(instructions(api, port, adminPort, pin, v2Route, page));
    return new DemoEndpoints(port, pin, api.kubeconfig(), v2Route, page.url());
  }

  /**
   * What to try next, as shell lines that work when pasted as printed; {@code # -> X} at the end of
   * a line is the output to expect (PrintedCommandsIT runs each line and checks it).
   */
  private String instructions(
      KubeApi api, int port, int adminPort, String pin, Path v2Route, DemoPage page) {
    String send =
        "echo hello | java -jar client/target/socketx-client.jar --pin "
            + pin
            + " --header Host:"
            + HOST
            + " ws://127.0.0.1:"
            + port
            + "/";
    return String.join(
        "\n",
        "",
        "SocketX is running.",
        "",
        "Echo chat page (open in a browser): " + page.url(),
        "It uses @socketx/client through the proxy; opened as "
            + page.url().toString().replace("//localhost:", "//127.0.0.1:"),
        "instead, its Origin is one the page's route refuses, and the page says so.",
        "",
        "In another terminal:",
        "",
        "  cd " + shellWord(root.toAbsolutePath().normalize().toString()),
        "",
        "  # a message to the echo upstream through the proxy (without \"echo hello |\" you type",
        "  # the lines; Ctrl-D ends). The quickstart route serves the host " + HOST + ";",
        "  # --pin is the proxy's identity: the client talks to no other proxy.",
        "  " + send + "        # -> hello",
        "",
        "  # change the route live: new connections go to the \"v2\" upstream within a second or",
        "  # two, open ones keep theirs; no restart",
        "  " + api.applyCommand() + " " + v2Route,
        "  " + send + "        # -> v2: hello",
        "",
        "  # the resources, and what the proxy serves (on its admin port): its configHash is the",
        "  # SocketXProxy's status.configHash",
        "  " + api.getCommand(),
        "  curl http://127.0.0.1:" + adminPort + "/readyz",
        "",
        "Ctrl-C stops everything.");
  }

  /** A port free on 127.0.0.1 right now, for the proxy's admin listener. */
  private static int freeLoopbackPort() throws IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code s} as one shell word: quoted only when it holds characters the shell would split. */
  static String shellWord(String s) {
    return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** Where the running demo can be reached. */
  record DemoEndpoints(int port, String pin, Path kubeconfig, Path v2Route, URI pageUrl) {}

  /** {@code apply -f FILE}: merges the file's resources into the running demo's API. */
  static int apply(List<String> args) throws IOException {
    if (args.size() != 3 || !args.get(1).equals("-f")) {
      System.err.println(USAGE);
      return 2;
    }
    Optional<Path> kubeconfig = runningDemoKubeconfig();
    if (kubeconfig.isEmpty()) {
      return 1;
    }
    try (KubernetesClient client = client(kubeconfig.get())) {
      for (HasMetadata r :
          ResourceFiles.apply(client, ResourceFiles.load(client, Path.of(args.get(2))), x -> x)) {
        System.out.println(
            r.getKind().toLowerCase() + "/" + r.getMetadata().getName() + " applied");
      }
      return 0;
    } catch (RuntimeException e) {
      System.err.println("socketx-demo: apply failed: " + e.getMessage());
      return 1;
    }
  }

  /** {@code get [KINDS]}: the running demo's SocketX resources, like {@code kubectl get}. */
  static int get(List<String> args) throws IOException {
    if (args.size() > 2) {
      System.err.println(USAGE);
      return 2;
    }
    Optional<List<ResourceTable>> tables =
        args.size() == 2
            ? ResourceTable.named(args.get(1))
            : Optional.of(List.of(ResourceTable.values()));
    if (tables.isEmpty()) {
      System.err.println(
          "socketx-demo: get: unknown kind in '" + args.get(1) + "' (" + ResourceTable.NAMES + ")");
      return 2;
    }
    Optional<Path> kubeconfig = runningDemoKubeconfig();
    if (kubeconfig.isEmpty()) {
      return 1;
    }
    try (KubernetesClient client = client(kubeconfig.get())) {
      List<String> rendered = new ArrayList<>();
      for (ResourceTable table : tables.get()) {
        rendered.add(table.render(client, "default"));
      }
      System.out.print(String.join("\n", rendered));
      return 0;
    } catch (RuntimeException e) {
      System.err.println("socketx-demo: get failed: " + e.getMessage());
      return 1;
    }
  }

  /** The kubeconfig the running demo wrote (mock or real API), or why there is none on stderr. */
  private static Optional<Path> runningDemoKubeconfig() {
    for (Path kubeconfig :
        List.of(MockKubeApi.kubeconfigIn(WORK), RealKubeApi.kubeconfigIn(WORK))) {
      if (Files.exists(kubeconfig)) {
        return Optional.of(kubeconfig);
      }
    }
    System.err.println(
        "socketx-demo: no running demo here ("
            + MockKubeApi.kubeconfigIn(WORK)
            + " not found; run ./demo.sh from the repository root first)");
    return Optional.empty();
  }

  private static KubernetesClient client(Path kubeconfig) throws IOException {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
  }

  /** The page route's answer to a round trip from the page's origin, or null while it has none. */
  private static String pageRoundTrip(int port, String pin, String origin) {
    try {
      return roundTrip(port, pin, "127.0.0.1", origin, "page");
    } catch (Exception e) {
      return null;
    }
  }

  /** A message to the quickstart route (Host echo.example.com) and its answer, pinned. */
  static String roundTrip(int port, String pin, String text) throws Exception {
    return roundTrip(port, pin, HOST, null, text);
  }

  private static String roundTrip(int port, String pin, String host, String origin, String text)
      throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    try (SocketXConnection c =
        SocketXClient.connect(
            URI.create("ws://127.0.0.1:" + port + "/"),
            (origin == null ? ClientOptions.builder() : ClientOptions.builder().origin(origin))
                .header("Host", host)
                .pin(pin)
                .build(),
            new SocketXListener() {
              @Override
              public void onText(SocketXConnection connection, String message) {
                reply.complete(message);
              }
            })) {
      c.sendText(text).get(10, TimeUnit.SECONDS);
      return reply.get(10, TimeUnit.SECONDS);
    }
  }

  private static ConfigMap configMap(KubernetesClient client) {
    return client.configMaps().inNamespace("default").withName(PROXY + "-domain-map").get();
  }

  private static boolean crdsServed(KubernetesClient client) {
    try {
      for (String kind : List.of("SocketXProxy", "SocketXRoute", "SocketXRouteGrant")) {
        client
            .genericKubernetesResources("socketx.io/v1alpha1", kind)
            .inNamespace("default")
            .list();
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int status(String url) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Polls {@code done} until it holds; this is a program, not a test, so it simply polls. */
  private static void await(String what, Duration limit, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting until " + what);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  private static void step(String what) {
    System.out.println("==> " + what);
  }

  private <T extends AutoCloseable> T track(T resource) {
    resources.add(0, resource);
    return resource;
  }

  void stop() {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        System.err.println("socketx-demo: stopping: " + e.getMessage());
      }
    }
    resources.clear();
  }
}
