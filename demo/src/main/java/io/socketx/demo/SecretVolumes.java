package io.socketx.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the kubelet does with a pod's Secret volumes, for a proxy run as a local process: each
 * Secret the Deployment mounts is written into a directory, and variables that name a file under
 * the mount path are pointed at that directory instead. Writing again replaces files the way the
 * kubelet swaps a changed Secret in (one atomic move per file).
 */
public final class SecretVolumes {
  private final Function<String, Secret> secrets;
  private final Deployment deployment;
  private final Path root;

  /**
   * @param secrets reads a Secret of the Deployment's namespace by name (null when missing)
   * @param deployment whose pod template's Secret volumes to write
   * @param root directory for the volumes, one subdirectory each
   */
  public SecretVolumes(Function<String, Secret> secrets, Deployment deployment, Path root) {
    this.secrets = secrets;
    this.deployment = deployment;
    this.root = root;
  }

  /** Writes every mounted Secret as it is now in the cluster. */
  public void write() {
    for (Volume volume : deployment.getSpec().getTemplate().getSpec().getVolumes()) {
      if (volume.getSecret() == null) {
        continue;
      }
      Secret secret = secrets.apply(volume.getSecret().getSecretName());
      if (secret == null || secret.getData() == null) {
        // as in a pod: the container does not start until the Secret exists
        throw new IllegalStateException(
            "Secret " + volume.getSecret().getSecretName() + " does not exist (yet)");
      }
      try {
        Path dir = Files.createDirectories(root.resolve(volume.getName()));
        for (Map.Entry<String, String> e : secret.getData().entrySet()) {
          Path tmp = dir.resolve("." + e.getKey() + ".tmp");
          Files.write(tmp, Base64.getDecoder().decode(e.getValue()));
          Files.move(
              tmp,
              dir.resolve(e.getKey()),
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code env} with each path under a Secret mount rewritten to the written directory. */
  public Map<String, String> rewrite(Map<String, String> env) {
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> result = new LinkedHashMap<>(env);
    var secretVolumes =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getSecret() != null)
            .map(Volume::getName)
            .toList();
    for (VolumeMount mount : container.getVolumeMounts()) {
      if (!secretVolumes.contains(mount.getName())) {
        continue;
      }
      String prefix = mount.getMountPath() + "/";
      Path local = root.resolve(mount.getName());
      result.replaceAll(
          (name, value) ->
              value.startsWith(prefix)
                  ? local.resolve(value.substring(prefix.length())).toString()
                  : value);
    }
    return result;
  }
}
