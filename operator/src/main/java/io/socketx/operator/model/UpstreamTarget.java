package io.socketx.operator.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The namespace (and Service, when known) an upstream lives in, as cluster DNS names say: a Service
 * reference, or a URL host {@code [pod.]service.namespace.svc[.<cluster domain>]} or {@code
 * address.namespace.pod[.<cluster domain>]}.
 *
 * @param namespace the namespace the upstream lives in
 * @param service the Service name, null for a pod name
 */
public record UpstreamTarget(String namespace, String service) {

  /** What a URL host names in the cluster, if it is a cluster DNS name. */
  static Optional<UpstreamTarget> ofHost(String host, String clusterDomain) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    String suffix = "." + clusterDomain;
    if (h.endsWith(suffix)) {
      h = h.substring(0, h.length() - suffix.length());
    }
    String[] labels = h.split("\\.");
    if (labels.length < 3) {
      return Optional.empty();
    }
    String kind = labels[labels.length - 1];
    String namespace = labels[labels.length - 2];
    return switch (kind) {
      case "svc" -> Optional.of(new UpstreamTarget(namespace, labels[labels.length - 3]));
      case "pod" -> Optional.of(new UpstreamTarget(namespace, null));
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return service == null
        ? "a pod in namespace " + namespace
        : "Service " + namespace + "/" + service;
  }
}
