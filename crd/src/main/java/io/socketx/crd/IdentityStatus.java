package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The public side of the proxy's identity keys: fingerprints that clients pin. Never a key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IdentityStatus {

  @JsonPropertyDescription("Secret holding the identity key file (identity.pem).")
  private String secretName;

  @JsonPropertyDescription(
      "ConfigMap with the public fingerprints and keys, for app builds to read.")
  private String configMapName;

  @JsonPropertyDescription(
      "Fingerprint of the key the proxy serves by default (sha256:<base64url>): pin this.")
  private String current;

  @JsonPropertyDescription(
      "During a rotation, before promotion: the new key, already served to clients that pin it."
          + " Pin it beside current.")
  private String next;

  @JsonPropertyDescription(
      "During a rotation, after promotion: the old key, still served until the second overlap"
          + " ends.")
  private String previous;

  @JsonPropertyDescription(
      "Rotation step: Stable, NextPublished (next served beside current) or Promoted (previous"
          + " served beside current).")
  private String phase;

  @JsonPropertyDescription("When the rotation takes its next step (RFC 3339).")
  private String nextStepAt;

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getConfigMapName() {
    return configMapName;
  }

  public void setConfigMapName(String configMapName) {
    this.configMapName = configMapName;
  }

  public String getCurrent() {
    return current;
  }

  public void setCurrent(String current) {
    this.current = current;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }

  public String getPrevious() {
    return previous;
  }

  public void setPrevious(String previous) {
    this.previous = previous;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getNextStepAt() {
    return nextStepAt;
  }

  public void setNextStepAt(String nextStepAt) {
    this.nextStepAt = nextStepAt;
  }
}
