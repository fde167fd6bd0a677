package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.socketx.crd.SocketXProxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ConfigMap {@code <proxy>-identity} that app builds read: the public fingerprints and keys of
 * the proxy's identity, never a private key.
 */
public final class IdentityConfigMapModel {
  public static final String CURRENT = "current";
  public static final String NEXT = "next";
  public static final String PREVIOUS = "previous";

  /** Space-separated fingerprints a client built now should pin. */
  public static final String PINS = "pins";

  public static ConfigMap desired(
      ProxyNames names, SocketXProxy owner, IdentityPublication identity) {
    ObjectMeta meta = names.metadata(names.identity());
    // without the managed-by label: the DOMAIN_MAP ConfigMap's informer selects on it and must
    // keep seeing exactly one ConfigMap per proxy
    meta.getLabels().remove(ProxyNames.MANAGED_BY_LABEL);
    meta.getLabels().put(ProxyNames.COMPONENT_LABEL, "identity");
    meta.setOwnerReferences(List.of(OwnerReferences.controlledBy(owner)));
    Map<String, String> data = new LinkedHashMap<>();
    data.put(PINS, String.join(" ", identity.pins()));
    put(data, CURRENT, identity.current());
    put(data, NEXT, identity.next());
    put(data, PREVIOUS, identity.previous());
    return new ConfigMapBuilder().withMetadata(meta).withData(data).build();
  }

  private static void put(Map<String, String> data, String name, PublicKey key) {
    if (key != null) {
      data.put(name, key.fingerprint());
      data.put(name + ".pub.pem", key.pem());
    }
  }

  private IdentityConfigMapModel() {}
}
