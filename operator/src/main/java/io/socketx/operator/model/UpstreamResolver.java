package io.socketx.operator.model;

import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.InvalidRoutesException;
import io.socketx.crd.CrossFieldRules;
import io.socketx.crd.ServiceUpstream;
import io.socketx.crd.SocketXApi;
import io.socketx.crd.UpstreamScheme;
import io.socketx.crd.UpstreamSpec;
import java.net.URI;
import java.util.regex.Pattern;

/** Turns an upstream (URL or Service reference) into the URL the proxy dials. */
public final class UpstreamResolver {
  private static final Pattern DNS_LABEL = Pattern.compile(SocketXApi.DNS_LABEL_PATTERN);

  private final String clusterDomain;

  public UpstreamResolver(String clusterDomain) {
    this.clusterDomain = clusterDomain;
  }

  /**
   * Resolves an upstream; a Service reference without a namespace resolves in {@code namespace},
   * the namespace of the resource that names it.
   */
  public ResolvedUpstream resolve(UpstreamSpec upstream, String namespace) {
    if (upstream == null) {
      return ResolvedUpstream.invalid("upstream is missing");
    }
    var broken = CrossFieldRules.check(upstream);
    if (broken.isPresent()) {
      return ResolvedUpstream.invalid(broken.get().field() + ": " + broken.get().message());
    }
    return upstream.getUrl() != null
        ? checkUrl("upstream.url", upstream.getUrl())
        : fromService(upstream.getService(), namespace);
  }

  /** The proxy's own upstream check, so that no URL the operator writes fails in the proxy. */
  private ResolvedUpstream checkUrl(String field, String url) {
    try {
      URI uri = DomainMapParser.upstream(url);
      return ResolvedUpstream.of(
          url, UpstreamTarget.ofHost(uri.getHost(), clusterDomain).orElse(null));
    } catch (InvalidRoutesException e) {
      return ResolvedUpstream.invalid(field + ": " + e.getMessage());
    }
  }

  private ResolvedUpstream fromService(ServiceUpstream service, String namespace) {
    String name = service.getName();
    if (name == null || name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
      return ResolvedUpstream.invalid(
          "upstream.service.name " + name + " is not a valid Service name");
    }
    Integer port = service.getPort();
    if (port == null || port < 1 || port > 65535) {
      return ResolvedUpstream.invalid("upstream.service.port must be between 1 and 65535");
    }
    String path = service.getPath() == null ? "" : service.getPath();
    if (!path.isEmpty() && (!path.startsWith("/") || path.matches(".*[\\s#?].*"))) {
      return ResolvedUpstream.invalid(
          "upstream.service.path must start with / and contain no spaces, ? or #");
    }
    String serviceNamespace =
        service.getNamespace() == null || service.getNamespace().isEmpty()
            ? namespace
            : service.getNamespace();
    if (serviceNamespace.length() > 63 || !DNS_LABEL.matcher(serviceNamespace).matches()) {
      return ResolvedUpstream.invalid(
          "upstream.service.namespace " + serviceNamespace + " is not a valid namespace name");
    }
    UpstreamScheme scheme = service.getScheme() == null ? UpstreamScheme.WS : service.getScheme();
    return checkUrl(
        "upstream.service",
        scheme.value()
            + "://"
            + name
            + "."
            + serviceNamespace
            + ".svc."
            + clusterDomain
            + ":"
            + port
            + path);
  }
}
