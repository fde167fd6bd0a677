package io.socketx.demo;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real etcd + kube-apiserver on 127.0.0.1, started with {@code scripts/k8s/up.sh} from the tools
 * that {@code scripts/k8s/install-tools.sh} installs.
 */
final class RealKubeApi implements KubeApi {
  private final Path root;
  private final Path dir;
  private final Path tools;
  private final KubernetesClient client;

  RealKubeApi(Path root, Path workDir) throws IOException, InterruptedException {
    this.root = root;
    dir = workDir.resolve("k8s");
    tools = K8sTools.dir();
    script("up.sh");
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig())))
            .build();
  }

  private void script(String name) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("scripts/k8s").resolve(name).toString())
            .inheritIO();
    pb.environment().put("D", dir.toAbsolutePath().toString());
    pb.environment().put("K8S_TOOLS_DIR", tools.toString());
    int exit = pb.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("scripts/k8s/" + name + " failed with exit code " + exit);
    }
  }

  /** Where scripts/k8s/up.sh writes the real API server's kubeconfig. */
  static Path kubeconfigIn(Path workDir) {
    return workDir.resolve("k8s/kubeconfig");
  }

  @Override
  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public boolean serverSideApply() {
    return true;
  }

  @Override
  public String applyCommand() {
    return kubectl() + " apply -f";
  }

  @Override
  public String getCommand() {
    return kubectl() + " get socketxproxies,socketxroutes";
  }

  private String kubectl() {
    return LocalDemo.shellWord(tools.resolve("bin/kubectl").toString())
        + " --kubeconfig "
        + LocalDemo.shellWord(kubeconfig().toString());
  }

  @Override
  public void close() {
    client.close();
    try {
      script("down.sh");
    } catch (IOException | InterruptedException e) {
      System.err.println("socketx-demo: stopping the API server failed: " + e.getMessage());
    }
  }
}
