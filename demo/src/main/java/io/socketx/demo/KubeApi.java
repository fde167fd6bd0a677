package io.socketx.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/** The Kubernetes API the demo runs against: the embedded mock or a real API server. */
interface KubeApi extends AutoCloseable {

  /** A kubeconfig file for this API, for the proxy process and for the user. */
  Path kubeconfig();

  /** A client of this API. */
  KubernetesClient client();

  /** Whether server-side apply works here (not on the mock). */
  boolean serverSideApply();

  /** How the user changes resources here, e.g. {@code kubectl --kubeconfig … apply -f}. */
  String applyCommand();

  /** How the user lists the SocketX resources here, e.g. {@code kubectl … get sxp,sxr}. */
  String getCommand();

  @Override
  void close();
}
