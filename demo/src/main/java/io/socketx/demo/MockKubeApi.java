package io.socketx.demo;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/** The fabric8 Kubernetes mock server in CRUD mode on 127.0.0.1: no cluster needed. */
final class MockKubeApi implements KubeApi {
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Path kubeconfig;

  MockKubeApi(Path workDir) throws IOException {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    String url = "http://127.0.0.1:" + server.getPort();
    kubeconfig = kubeconfigIn(workDir);
    Files.writeString(
        kubeconfig,
        "apiVersion: v1\nkind: Config\n"
            + "clusters: [{name: demo, cluster: {server: \""
            + url
            + "\"}}]\n"
            + "users: [{name: demo, user: {token: demo}}]\n"
            + "contexts: [{name: demo, context: {cluster: demo, user: demo, namespace: default}}]\n"
            + "current-context: demo\n");
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
  }

  /** Where the mock API's kubeconfig lives while the demo runs. */
  static Path kubeconfigIn(Path workDir) {
    return workDir.resolve("kubeconfig");
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public boolean serverSideApply() {
    return false;
  }

  @Override
  public String applyCommand() {
    return "java -jar demo/target/socketx-demo.jar apply -f";
  }

  @Override
  public String getCommand() {
    // kubectl needs API discovery, which the mock server does not serve
    return "java -jar demo/target/socketx-demo.jar get";
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
    try {
      Files.deleteIfExists(kubeconfig); // `apply` and `get` then say no demo is running
    } catch (IOException e) {
      System.err.println("socketx-demo: removing " + kubeconfig + ": " + e.getMessage());
    }
  }
}
