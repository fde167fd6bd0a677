package io.socketx.crd;

import io.socketx.contract.DurationGrammar;

/** API group, version, condition types and reasons shared by the CRDs, operator and docs. */
public final class SocketXApi {
  public static final String GROUP = "socketx.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Pattern of a route host: exact host with optional port, {@code *.suffix}, or {@code *}. */
  public static final String HOST_PATTERN =
      "^(\\*|(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?)$";

  /** Pattern of an allowed origin: {@code *} or scheme://host[:port] with an optional leading *. */
  public static final String ORIGIN_PATTERN =
      "^(\\*|https?://(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?)$";

  /** Pattern of an upstream URL: ws:// or wss://, an authority, optional path and query. */
  public static final String UPSTREAM_URL_PATTERN =
      "^wss?://[^\\s/?#@]+(/[^\\s#]*)?(\\?[^\\s#]*)?$";

  /** Pattern of a duration such as 30s, 1m30s, 1.5s or 250ms: the proxy's grammar. */
  public static final String DURATION_PATTERN = DurationGrammar.PATTERN;

  /** Pattern of a DNS-1123 label (Service and namespace names). */
  public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** Pattern of a DNS-1123 subdomain (object names). */
  public static final String DNS_SUBDOMAIN_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** Condition types. */
  public static final class Conditions {
    /** Proxy: the Deployment has all desired replicas ready. */
    public static final String READY = "Ready";

    /** Proxy: the routes were merged and the DOMAIN_MAP ConfigMap is written. */
    public static final String ROUTES_RESOLVED = "RoutesResolved";

    /**
     * Proxy: every live proxy instance reports (heartbeat Lease) that it serves the current
     * DOMAIN_MAP, so a route change is in effect.
     */
    public static final String PROGRAMMED = "Programmed";

    /**
     * Proxy (kstatus): True while the operator or the Deployment is still working towards the spec;
     * kstatus and Flux read it as in progress.
     */
    public static final String RECONCILING = "Reconciling";

    /**
     * Proxy (kstatus): True when the spec cannot be reached without a change to it (an invalid
     * spec, a DOMAIN_MAP too large); kstatus, {@code kubectl wait} and Flux read it as failed.
     */
    public static final String STALLED = "Stalled";

    /** Proxy: the identity key Secret exists and holds a key file the proxy loads. */
    public static final String IDENTITY_READY = "IdentityReady";

    /** Proxy: an identity key rotation is under way (a next or previous key is served). */
    public static final String IDENTITY_ROTATING = "IdentityRotating";

    /** Proxy with spec.tls: the TLS Secret exists and holds a certificate and key. */
    public static final String TLS_READY = "TLSReady";

    /** Route: the referenced proxy serves this route. */
    public static final String ACCEPTED = "Accepted";

    /** Route: the proxy reference and the upstream reference resolved. */
    public static final String RESOLVED_REFS = "ResolvedRefs";

    private Conditions() {}
  }

  /** Condition reasons (CamelCase, as Kubernetes conventions ask). */
  public static final class Reasons {
    public static final String ACCEPTED = "Accepted";
    public static final String HOST_CONFLICT = "HostConflict";
    public static final String PROXY_NOT_FOUND = "ProxyNotFound";
    public static final String NOT_ALLOWED_BY_PROXY = "NotAllowedByProxy";
    public static final String INVALID_UPSTREAM = "InvalidUpstream";
    public static final String INVALID_HOST = "InvalidHost";
    public static final String INVALID_ORIGIN = "InvalidOrigin";

    /** Route: the upstream policy of the proxy refuses the upstream (metadata, loopback, ...). */
    public static final String UPSTREAM_FORBIDDEN = "UpstreamForbidden";

    /** Route: it names a Service in another namespace that has no SocketXRouteGrant for it. */
    public static final String REF_NOT_PERMITTED = "RefNotPermitted";

    /** Route: it claims * or a wildcard from a namespace the proxy's wildcardNamespaces omit. */
    public static final String WILDCARD_NOT_ALLOWED = "WildcardNotAllowed";

    public static final String RESOLVED = "Resolved";
    public static final String DEPLOYMENT_READY = "DeploymentReady";
    public static final String DEPLOYMENT_NOT_READY = "DeploymentNotReady";
    public static final String SCALED_TO_ZERO = "ScaledToZero";
    public static final String CONFIG_WRITTEN = "ConfigWritten";
    public static final String CONFIG_TOO_LARGE = "ConfigTooLarge";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String ALL_INSTANCES_PROGRAMMED = "AllInstancesProgrammed";
    public static final String PROGRAMMING_PENDING = "Pending";
    public static final String NO_INSTANCES = "NoInstances";
    public static final String SPEC_VALID = "SpecValid";
    public static final String PROGRESSING = "Progressing";
    public static final String RECONCILED = "Reconciled";
    public static final String KEY_SERVED = "KeyServed";
    public static final String SECRET_MISSING = "SecretMissing";
    public static final String SECRET_INVALID = "SecretInvalid";
    public static final String NO_ROTATION = "NoRotation";
    public static final String NEXT_KEY_PUBLISHED = "NextKeyPublished";
    public static final String NEXT_KEY_PROMOTED = "NextKeyPromoted";
    public static final String ROTATION_COMPLETE = "RotationComplete";
    public static final String ROTATION_NOT_MANAGED = "RotationNotManaged";
    public static final String CERTIFICATE_LOADED = "CertificateLoaded";

    private Reasons() {}
  }

  private SocketXApi() {}
}
