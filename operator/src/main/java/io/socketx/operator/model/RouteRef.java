package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;

/** Namespace and name of a resource, ordered namespace first. */
public record RouteRef(String namespace, String name) implements Comparable<RouteRef> {
  private static final Comparator<RouteRef> ORDER =
      Comparator.comparing(RouteRef::namespace).thenComparing(RouteRef::name);

  public static RouteRef of(HasMetadata resource) {
    return new RouteRef(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  @Override
  public int compareTo(RouteRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
