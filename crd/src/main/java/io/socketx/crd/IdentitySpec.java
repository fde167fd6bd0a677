package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * The proxy's identity key (protocol v2): generated and rotated by the operator, or brought in a
 * Secret of one's own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IdentitySpec {

  @Size(min = 1, max = 253)
  @Pattern(SocketXApi.DNS_SUBDOMAIN_PATTERN)
  @JsonPropertyDescription(
      "Bring your own key: a Secret in the proxy's namespace whose key identity.pem holds one or"
          + " two PEM \"PRIVATE KEY\" blocks (PKCS#8 Ed25519, `openssl genpkey -algorithm"
          + " ed25519`); the first is served by default. Empty: the operator generates the key in"
          + " the Secret <proxy>-identity and rotates it on request.")
  private String secretName;

  @Size(max = 63)
  @JsonPropertyDescription(
      "Set to a new value (e.g. today's date) to rotate the generated key: the new key is served"
          + " as next, promoted to current after rotationOverlap, and the old key is removed after"
          + " a second rotationOverlap. Ignored with secretName (rotate your own Secret).")
  private String rotate;

  @Pattern(SocketXApi.DURATION_PATTERN)
  @Default("24h")
  @JsonPropertyDescription(
      "During a rotation: how long the new key is served"
          + " as next before it becomes current, and how long the old key is still served after"
          + " that (default 24h), e.g. 30m, 24h, 168h.")
  private String rotationOverlap;

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getRotate() {
    return rotate;
  }

  public void setRotate(String rotate) {
    this.rotate = rotate;
  }

  public String getRotationOverlap() {
    return rotationOverlap;
  }

  public void setRotationOverlap(String rotationOverlap) {
    this.rotationOverlap = rotationOverlap;
  }
}
