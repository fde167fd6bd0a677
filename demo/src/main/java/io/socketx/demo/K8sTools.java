package io.socketx.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code scripts/k8s/install-tools.sh} put the real Kubernetes tools (kube-apiserver, etcd,
 * kubectl, helm): {@code $K8S_TOOLS_DIR}, default {@code ~/.cache/k8s-tools}.
 */
public final class K8sTools {
  private K8sTools() {}

  /** The tools directory, checked to hold a kube-apiserver. */
  public static Path dir() {
    Path dir =
        Path.of(
            System.getenv()
                .getOrDefault(
                    "K8S_TOOLS_DIR", System.getProperty("user.home") + "/.cache/k8s-tools"));
    if (!Files.isExecutable(dir.resolve("bin/kube-apiserver"))) {
      throw new IllegalStateException(
          "no kube-apiserver in " + dir + ": run scripts/k8s/install-tools.sh first");
    }
    return dir;
  }
}
