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

/** Hosts served by one SocketX proxy and the upstream WebSocket service they are relayed to. */
@Group(SocketXApi.GROUP)
@Version(SocketXApi.VERSION)
@Kind("SocketXRoute")
@Plural("socketxroutes")
@Singular("socketxroute")
@ShortNames("sxr")
@AdditionalPrinterColumn(
    name = "Hosts",
    jsonPath = ".spec.hosts",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Hosts this route claims")
@AdditionalPrinterColumn(
    name = "Upstream",
    jsonPath = ".status.upstream",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Resolved upstream URL")
@AdditionalPrinterColumn(
    name = "Proxy",
    jsonPath = ".spec.proxyRef.name",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "SocketXProxy the route attaches to")
@AdditionalPrinterColumn(
    name = "Accepted",
    jsonPath = ".status.conditions[?(@.type==\"Accepted\")].status",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Accepted condition")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Accepted\")].reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1,
    getDescription = "Reason of the Accepted condition")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SocketXRoute extends CustomResource<SocketXRouteSpec, SocketXRouteStatus>
    implements Namespaced {

  public static final String KIND = "SocketXRoute";

  @Override
  protected SocketXRouteSpec initSpec() {
    return new SocketXRouteSpec();
  }
}
