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

/** A fleet of SocketX proxies: a Deployment, its Service and the DOMAIN_MAP ConfigMap it serves. */
@Group(SocketXApi.GROUP)
@Version(SocketXApi.VERSION)
@Kind("SocketXProxy")
@Plural("socketxproxies")
@Singular("socketxproxy")
@ShortNames("sxp")
@AdditionalPrinterColumn(
    name = "Replicas",
    jsonPath = ".spec.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "Desired number of proxy pods")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.readyReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "Proxy pods that are ready")
@AdditionalPrinterColumn(
    name = "Routes",
    jsonPath = ".status.routes",
    type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "Routes accepted into the DOMAIN_MAP")
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Ready condition")
@AdditionalPrinterColumn(
    name = "Fingerprint",
    jsonPath = ".status.identity.current",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Fingerprint of the identity key clients pin")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SocketXProxy extends CustomResource<SocketXProxySpec, SocketXProxyStatus>
    implements Namespaced {

  public static final String KIND = "SocketXProxy";

  @Override
  protected SocketXProxySpec initSpec() {
    return new SocketXProxySpec();
  }
}
