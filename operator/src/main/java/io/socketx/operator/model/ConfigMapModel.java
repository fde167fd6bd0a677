package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapKeys;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The desired DOMAIN_MAP ConfigMap of a proxy. */
public final class ConfigMapModel {

  /**
   * Builds the ConfigMap; when the map is too large to store, the {@code current} one is kept so
   * the proxies go on serving the last good routes (an empty map if there is none yet).
   */
  public static ConfigMap desired(ProxyPlan plan, Optional<ConfigMap> current) {
    ProxyNames names = plan.names();
    ConfigLayout layout = plan.layout();
    ConfigMapBuilder builder = withMetadata(names);
    switch (layout.kind()) {
      case PLAIN ->
          builder
              .withData(Map.of(DomainMapKeys.DATA_KEY, layout.payload()))
              .editMetadata()
              .addToAnnotations(DomainMapKeys.CONFIG_HASH_ANNOTATION, plan.document().sha256())
              .endMetadata();
      case COMPRESSED ->
          builder
              .withBinaryData(Map.of(DomainMapKeys.GZIP_KEY, layout.payload()))
              .editMetadata()
              .addToAnnotations(DomainMapKeys.CONFIG_HASH_ANNOTATION, plan.document().sha256())
              .endMetadata();
      case TOO_LARGE -> {
        if (current.isPresent()) {
          return keep(current.get(), names);
        }
        DomainMapDocument empty = DomainMapDocument.of(new TreeMap<>());
        builder
            .withData(Map.of(DomainMapKeys.DATA_KEY, empty.json()))
            .editMetadata()
            .addToAnnotations(DomainMapKeys.CONFIG_HASH_ANNOTATION, empty.sha256())
            .endMetadata();
      }
    }
    return builder.build();
  }

  private static ConfigMap keep(ConfigMap current, ProxyNames names) {
    ConfigMapBuilder builder =
        withMetadata(names).withData(current.getData()).withBinaryData(current.getBinaryData());
    String hash =
        current.getMetadata().getAnnotations() == null
            ? null
            : current.getMetadata().getAnnotations().get(DomainMapKeys.CONFIG_HASH_ANNOTATION);
    if (hash != null) {
      builder
          .editMetadata()
          .addToAnnotations(DomainMapKeys.CONFIG_HASH_ANNOTATION, hash)
          .endMetadata();
    }
    return builder.build();
  }

  private static ConfigMapBuilder withMetadata(ProxyNames names) {
    return new ConfigMapBuilder().withMetadata(names.metadata(names.configMap()));
  }

  /** The hash of the DOMAIN_MAP a ConfigMap holds, as recorded in its annotation. */
  public static Optional<String> hashOf(ConfigMap configMap) {
    return Optional.ofNullable(configMap.getMetadata().getAnnotations())
        .map(a -> a.get(DomainMapKeys.CONFIG_HASH_ANNOTATION));
  }

  private ConfigMapModel() {}
}
