package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Exceptions to the upstreams an operator-deployed proxy refuses by default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpstreamPolicySpec {

  /** One rule: no spaces or commas (the proxy reads the list comma-separated). */
  public static final String RULE_PATTERN = "^[^\\s,]+$";

  @Size(max = 256)
  @JsonPropertyDescription(
      "Upstreams this proxy may dial although the default policy refuses them: CIDR blocks"
          + " (127.0.0.0/8, fd00::/8), addresses (10.0.0.1, ::1), host names"
          + " (kubernetes.default.svc) or *.suffix. Refused by default: link-local (cloud"
          + " metadata), loopback, unspecified, the API server's names and this proxy's own"
          + " Service [UPSTREAM_ALLOW]. See docs/security.md.")
  private List<@Size(min = 1, max = 253) @Pattern(RULE_PATTERN) String> allow;

  public List<@Size(min = 1, max = 253) @Pattern(RULE_PATTERN) String> getAllow() {
    return allow;
  }

  public void setAllow(List<@Size(min = 1, max = 253) @Pattern(RULE_PATTERN) String> allow) {
    this.allow = allow;
  }
}
