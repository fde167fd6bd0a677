package io.socketx.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.socketx.crd.AllowedRoutes;
import io.socketx.crd.ProxyRef;
import io.socketx.crd.RouteNamespaces;
import io.socketx.crd.ServiceUpstream;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXProxySpec;
import io.socketx.crd.SocketXRoute;
import io.socketx.crd.SocketXRouteSpec;
import io.socketx.crd.UpstreamSpec;
import java.util.List;
import java.util.Map;

/** Builders for the custom resources used across tests. */
public final class Fixtures {

  public static SocketXProxy proxy(String namespace, String name) {
    SocketXProxy proxy = new SocketXProxy();
    proxy.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    proxy.setSpec(new SocketXProxySpec());
    return proxy;
  }

  public static SocketXProxy proxyAcceptingAllNamespaces(String namespace, String name) {
    SocketXProxy proxy = proxy(namespace, name);
    AllowedRoutes allowed = new AllowedRoutes();
    allowed.setFrom(RouteNamespaces.ALL);
    proxy.getSpec().setAllowedRoutes(allowed);
    return proxy;
  }

  public static SocketXRoute route(
      String namespace, String name, String proxy, String upstreamUrl, String... hosts) {
    SocketXRoute route = new SocketXRoute();
    route.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    SocketXRouteSpec spec = new SocketXRouteSpec();
    ProxyRef ref = new ProxyRef();
    ref.setName(proxy);
    spec.setProxyRef(ref);
    spec.setHosts(List.of(hosts));
    spec.setUpstream(url(upstreamUrl));
    spec.setAllowedOrigins(List.of("https://app.example.com"));
    route.setSpec(spec);
    return route;
  }

  public static UpstreamSpec url(String url) {
    UpstreamSpec upstream = new UpstreamSpec();
    upstream.setUrl(url);
    return upstream;
  }

  public static UpstreamSpec service(String name, int port, String path) {
    ServiceUpstream service = new ServiceUpstream();
    service.setName(name);
    service.setPort(port);
    service.setPath(path);
    UpstreamSpec upstream = new UpstreamSpec();
    upstream.setService(service);
    return upstream;
  }

  /** Sets creation time and labels the way the API server would have stored them. */
  public static SocketXRoute created(
      SocketXRoute route, String timestamp, Map<String, String> labels) {
    route.getMetadata().setCreationTimestamp(timestamp);
    route.getMetadata().setLabels(labels);
    return route;
  }

  private Fixtures() {}
}
