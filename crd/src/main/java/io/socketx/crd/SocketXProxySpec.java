package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

/** Desired state of a SocketX proxy fleet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = IntegerEnumCustomizer.class, input = "kyberStrength=0,512,768,1024")
public class SocketXProxySpec {

  @SpecReplicas
  @Min(0)
  @Max(1000)
  @Default("1")
  @JsonPropertyDescription(
      "Number of proxy pods (default 1). Changed by `kubectl scale` and HorizontalPodAutoscalers"
          + " through the scale subresource. A PodDisruptionBudget is created when above 1.")
  private Integer replicas;

  @Size(min = 1, max = 512)
  @JsonPropertyDescription(
      "Proxy container image. Empty: the operator's default image (SOCKETX_PROXY_IMAGE).")
  private String image;

  @JsonPropertyDescription("Image pull policy of the proxy container.")
  private PullPolicy imagePullPolicy;

  @JsonPropertyDescription("Secrets used to pull the proxy image.")
  private List<LocalObjectReference> imagePullSecrets;

  @JsonPropertyDescription("CPU and memory requests and limits of the proxy container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("The Service in front of the proxy pods.")
  private ProxyServiceSpec service;

  @Default("info")
  @JsonPropertyDescription("Proxy log level [LOG_LEVEL].")
  private LogLevel logLevel;

  @JsonPropertyDescription(
      "Human-readable log lines instead of one JSON object per line [USE_CONSOLE_LOGS].")
  private Boolean consoleLogs;

  @JsonPropertyDescription(
      "Minimum ML-KEM strength the proxy accepts in the key exchange: 0 (X25519 only), 512, 768"
          + " or 1024 [MTE_KYBER_STRENGTH]. Empty: the proxy's default.")
  private Integer kyberStrength;

  @Min(1)
  @Max(1048576)
  @JsonPropertyDescription(
      "Size in records of the anti-replay window of the payload decoder"
          + " [MTE_DECODER_WINDOW_SIZE]. Empty: the proxy's default (1000).")
  private Integer decoderWindowSize;

  @JsonPropertyDescription("Keepalive intervals and timeouts. Empty fields: the proxy's defaults.")
  private ProxyTimeouts timeouts;

  @JsonPropertyDescription("WebSocket buffer sizes. Empty fields: the proxy's defaults.")
  private ProxyBuffers buffers;

  @JsonPropertyDescription("Metered billing of encoded and decoded messages.")
  private BillingSpec billing;

  @JsonPropertyDescription("Node labels the proxy pods must be scheduled on.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations of the proxy pods.")
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Affinity and anti-affinity rules of the proxy pods.")
  private Affinity affinity;

  @JsonPropertyDescription("How the proxy pods spread across zones and nodes.")
  private List<TopologySpreadConstraint> topologySpreadConstraints;

  @Size(min = 1, max = 253)
  @JsonPropertyDescription("PriorityClass of the proxy pods.")
  private String priorityClassName;

  @JsonPropertyDescription(
      "The proxy's identity key, which protocol v2 clients pin. Default: the operator generates"
          + " one per proxy; status.identity shows its fingerprint.")
  private IdentitySpec identity;

  @JsonPropertyDescription("Serve wss:// with the certificate of a kubernetes.io/tls Secret.")
  private TlsSpec tls;

  @JsonPropertyDescription(
      "Extra annotations on the proxy pods (changing them rolls the pods; route changes never"
          + " do).")
  private Map<String, String> podAnnotations;

  @JsonPropertyDescription(
      "Extra labels on the proxy pods, e.g. azure-extensions-usage-release-identifier for Azure"
          + " usage attribution. The operator's own labels take precedence.")
  private Map<String, String> podLabels;

  @JsonPropertyDescription(
      "Which SocketXRoutes this proxy accepts. Default: routes from the proxy's own namespace.")
  private AllowedRoutes allowedRoutes;

  @JsonPropertyDescription(
      "Route for every host no SocketXRoute claims: the DOMAIN_MAP entry \"*\". A route that"
          + " claims \"*\" on a proxy with a default route is rejected with HostConflict.")
  private DefaultRoute defaultRoute;

  @JsonPropertyDescription(
      "Exceptions to the upstreams this proxy refuses by default (link-local, loopback,"
          + " unspecified, the API server, its own Service). See docs/security.md.")
  private UpstreamPolicySpec upstreamPolicy;

  @Size(max = 256)
  @JsonPropertyDescription(
      "Namespaces whose SocketXRoutes may claim * or a *.suffix wildcard on this proxy. Empty:"
          + " only the proxy's own namespace.")
  private List<@Pattern(SocketXApi.DNS_LABEL_PATTERN) String> wildcardNamespaces;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public PullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(PullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public ProxyServiceSpec getService() {
    return service;
  }

  public void setService(ProxyServiceSpec service) {
    this.service = service;
  }

  public LogLevel getLogLevel() {
    return logLevel;
  }

  public void setLogLevel(LogLevel logLevel) {
    this.logLevel = logLevel;
  }

  public Boolean getConsoleLogs() {
    return consoleLogs;
  }

  public void setConsoleLogs(Boolean consoleLogs) {
    this.consoleLogs = consoleLogs;
  }

  public Integer getKyberStrength() {
    return kyberStrength;
  }

  public void setKyberStrength(Integer kyberStrength) {
    this.kyberStrength = kyberStrength;
  }

  public Integer getDecoderWindowSize() {
    return decoderWindowSize;
  }

  public void setDecoderWindowSize(Integer decoderWindowSize) {
    this.decoderWindowSize = decoderWindowSize;
  }

  public ProxyTimeouts getTimeouts() {
    return timeouts;
  }

  public void setTimeouts(ProxyTimeouts timeouts) {
    this.timeouts = timeouts;
  }

  public ProxyBuffers getBuffers() {
    return buffers;
  }

  public void setBuffers(ProxyBuffers buffers) {
    this.buffers = buffers;
  }

  public BillingSpec getBilling() {
    return billing;
  }

  public void setBilling(BillingSpec billing) {
    this.billing = billing;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public Map<String, String> getPodAnnotations() {
    return podAnnotations;
  }

  public void setPodAnnotations(Map<String, String> podAnnotations) {
    this.podAnnotations = podAnnotations;
  }

  public Map<String, String> getPodLabels() {
    return podLabels;
  }

  public void setPodLabels(Map<String, String> podLabels) {
    this.podLabels = podLabels;
  }

  public AllowedRoutes getAllowedRoutes() {
    return allowedRoutes;
  }

  public void setAllowedRoutes(AllowedRoutes allowedRoutes) {
    this.allowedRoutes = allowedRoutes;
  }

  public DefaultRoute getDefaultRoute() {
    return defaultRoute;
  }

  public void setDefaultRoute(DefaultRoute defaultRoute) {
    this.defaultRoute = defaultRoute;
  }

  public UpstreamPolicySpec getUpstreamPolicy() {
    return upstreamPolicy;
  }

  public void setUpstreamPolicy(UpstreamPolicySpec upstreamPolicy) {
    this.upstreamPolicy = upstreamPolicy;
  }

  public List<@Pattern(SocketXApi.DNS_LABEL_PATTERN) String> getWildcardNamespaces() {
    return wildcardNamespaces;
  }

  public void setWildcardNamespaces(
      List<@Pattern(SocketXApi.DNS_LABEL_PATTERN) String> wildcardNamespaces) {
    this.wildcardNamespaces = wildcardNamespaces;
  }

  public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
    return topologySpreadConstraints;
  }

  public void setTopologySpreadConstraints(
      List<TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints = topologySpreadConstraints;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public IdentitySpec getIdentity() {
    return identity;
  }

  public void setIdentity(IdentitySpec identity) {
    this.identity = identity;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls;
  }
}
