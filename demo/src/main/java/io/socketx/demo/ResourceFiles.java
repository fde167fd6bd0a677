package io.socketx.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Loads Kubernetes YAML files and creates or merges them, like {@code kubectl apply}. */
final class ResourceFiles {
  private ResourceFiles() {}

  static List<HasMetadata> load(KubernetesClient client, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return client.load(in).items();
    }
  }

  /** Creates each resource, or replaces it when it exists; returns what was applied. */
  static List<HasMetadata> apply(
      KubernetesClient client, List<HasMetadata> resources, UnaryOperator<HasMetadata> edit) {
    return resources.stream()
        .map(edit)
        .map(
            r -> {
              if (r.getMetadata().getNamespace() == null
                  && !r.getKind().equals("CustomResourceDefinition")) {
                r.getMetadata().setNamespace("default");
              }
              return client
                  .resource(r)
                  // replace, not merge-patch: the mock API appends lists on a merge patch
                  .createOr(NonDeletingOperation::update);
            })
        .toList();
  }

  /** Points every SocketXRoute's upstream at {@code url} (the demo has no in-cluster services). */
  @SuppressWarnings("unchecked")
  static HasMetadata routeTo(HasMetadata resource, String url) {
    if (resource instanceof GenericKubernetesResource g && g.getKind().equals("SocketXRoute")) {
      Map<String, Object> spec = (Map<String, Object>) g.getAdditionalProperties().get("spec");
      spec.put("upstream", Map.of("url", url));
    }
    return resource;
  }

  /**
   * Lets a SocketXProxy dial loopback, where the demo's upstreams listen; operator-deployed proxies
   * refuse loopback upstreams by default (docs/security.md).
   */
  @SuppressWarnings("unchecked")
  static HasMetadata allowLoopback(HasMetadata resource) {
    if (resource instanceof GenericKubernetesResource g && g.getKind().equals("SocketXProxy")) {
      Map<String, Object> spec = (Map<String, Object>) g.getAdditionalProperties().get("spec");
      spec.put("upstreamPolicy", Map.of("allow", java.util.List.of("127.0.0.1")));
    }
    return resource;
  }
}
