package io.socketx.e2e.support;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.socketx.demo.K8sTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real etcd + kube-apiserver (+ controller-manager) on 127.0.0.1, started by {@code
 * scripts/k8s/up.sh} from the tools {@code scripts/k8s/install-tools.sh} installs, driven with the
 * real kubectl.
 */
public final class KubeCluster implements AutoCloseable {
  private final Path dir;
  private final Path tools;

  private KubeCluster(Path dir, Path tools) {
    this.dir = dir;
    this.tools = tools;
  }

  /** Starts a fresh cluster; its state lives in {@code dir}. */
  public static KubeCluster start(Path dir) {
    Path tools = K8sTools.dir();
    KubeCluster cluster = new KubeCluster(dir, tools);
    cluster.script("up.sh").orThrow(List.of("up.sh"));
    return cluster;
  }

  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /** Runs kubectl against this cluster. */
  public Command.Result kubectl(String... args) {
    return kubectlWithInput(null, args);
  }

  /** Runs kubectl with {@code stdin} (e.g. {@code apply -f -}). */
  public Command.Result kubectlWithInput(String stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(tools.resolve("bin/kubectl").toString());
    cmd.add("--kubeconfig");
    cmd.add(kubeconfig().toString());
    cmd.addAll(List.of(args));
    return Command.run(cmd, Map.of(), stdin, Repo.root());
  }

  /** Runs kubectl and fails unless it exits 0; returns stdout. */
  public String kubectlOk(String... args) {
    List<String> cmd = List.of(args);
    return kubectl(args).orThrow(cmd).out();
  }

  /** The Secret {@code name} of the default namespace, or null when there is none. */
  public Secret secret(String name) {
    Command.Result r = kubectl("get", "secret", name, "-o", "json");
    return r.exit() == 0 ? Serialization.unmarshal(r.out(), Secret.class) : null;
  }

  /** Stops only the API server; etcd keeps the data. */
  public void stopApiServer() {
    script("apiserver.sh", "stop").orThrow(List.of("apiserver.sh stop"));
  }

  /** Starts the API server again and waits until it answers. */
  public void startApiServer() {
    script("apiserver.sh", "start").orThrow(List.of("apiserver.sh start"));
  }

  private Command.Result script(String name, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("bash");
    cmd.add(Repo.root().resolve("scripts/k8s/" + name).toString());
    cmd.addAll(List.of(args));
    return Command.run(
        cmd,
        Map.of(
            "D", dir.toString(),
            "K8S_TOOLS_DIR", tools.toString(),
            "API_PORT", "26443",
            "ETCD_PORT", "33790",
            "PEER_PORT", "33800"),
        null,
        Repo.root());
  }

  @Override
  public void close() {
    script("down.sh");
  }
}
