package io.socketx.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Consent, given in a namespace, for SocketXRoutes in other namespaces to use its Services as
 * upstreams (Gateway API ReferenceGrant semantics, limited to SocketXRoute to Service).
 */
@Group(SocketXApi.GROUP)
@Version(SocketXApi.VERSION)
@Kind("SocketXRouteGrant")
@Plural("socketxroutegrants")
@Singular("socketxroutegrant")
@ShortNames("sxg")
@AdditionalPrinterColumn(
    name = "From",
    jsonPath = ".spec.from[*].namespace",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Namespaces whose routes may use this namespace's Services")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SocketXRouteGrant extends CustomResource<SocketXRouteGrantSpec, Void>
    implements Namespaced {

  public static final String KIND = "SocketXRouteGrant";

  @Override
  protected SocketXRouteGrantSpec initSpec() {
    return new SocketXRouteGrantSpec();
  }
}
