package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.socketx.crd.SocketXProxySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The identity key and TLS Secrets mounted read-only into every proxy pod. Whole directories, not
 * subPath files, so the kubelet swaps in a changed Secret and the proxy reloads it: a Secret change
 * never touches the pod template, so it never rolls the pods.
 */
public final class SecretMounts {
  static final String IDENTITY_VOLUME = "identity";
  static final String TLS_VOLUME = "tls";
  static final String IDENTITY_DIR = "/etc/socketx/identity";
  static final String TLS_DIR = "/etc/socketx/tls";

  /** Owner and group may read (the pod's fsGroup is the proxy's group); nobody may write. */
  private static final int READ_ONLY_MODE = 0440;

  public static final String IDENTITY_KEY_FILE = IDENTITY_DIR + "/" + IdentitySecretModel.KEY_FILE;
  public static final String TLS_CERT_FILE = TLS_DIR + "/" + TlsSecretCheck.CERT;
  public static final String TLS_KEY_FILE = TLS_DIR + "/" + TlsSecretCheck.KEY;

  /** The Secret holding the identity key file: the user's own, else the generated one. */
  public static String identitySecret(ProxyPlan plan) {
    SocketXProxySpec spec = plan.proxy().getSpec();
    return spec.getIdentity() != null && spec.getIdentity().getSecretName() != null
        ? spec.getIdentity().getSecretName()
        : plan.names().identity();
  }

  /** Whether the proxy serves wss://. */
  public static boolean tls(SocketXProxySpec spec) {
    return spec.getTls() != null && spec.getTls().getSecretName() != null;
  }

  static List<Volume> volumes(ProxyPlan plan) {
    SocketXProxySpec spec = plan.proxy().getSpec();
    List<Volume> volumes = new ArrayList<>();
    volumes.add(secretVolume(IDENTITY_VOLUME, identitySecret(plan)));
    if (tls(spec)) {
      volumes.add(secretVolume(TLS_VOLUME, spec.getTls().getSecretName()));
    }
    return volumes;
  }

  static List<VolumeMount> mounts(ProxyPlan plan) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(readOnly(IDENTITY_VOLUME, IDENTITY_DIR));
    if (tls(plan.proxy().getSpec())) {
      mounts.add(readOnly(TLS_VOLUME, TLS_DIR));
    }
    return mounts;
  }

  private static Volume secretVolume(String name, String secretName) {
    return new VolumeBuilder()
        .withName(name)
        .withNewSecret()
        .withSecretName(secretName)
        .withDefaultMode(READ_ONLY_MODE)
        .endSecret()
        .build();
  }

  private static VolumeMount readOnly(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(true).build();
  }

  private SecretMounts() {}
}
