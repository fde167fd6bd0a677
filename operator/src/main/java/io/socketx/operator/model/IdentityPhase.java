package io.socketx.operator.model;

/** Where an identity key rotation stands; the spelling is what status.identity.phase shows. */
public enum IdentityPhase {
  /** One key is served. */
  STABLE("Stable"),
  /** The new key is served beside the current one, which clients without a pin hint still get. */
  NEXT_PUBLISHED("NextPublished"),
  /** The new key is the default; the old one is still served to clients that pin only it. */
  PROMOTED("Promoted"),
  /** The key is the user's own Secret; the operator only publishes its fingerprints. */
  EXTERNAL("External");

  private final String value;

  IdentityPhase(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /**
   * The phase spelled {@code value}.
   *
   * @throws IllegalArgumentException naming the unknown value
   */
  public static IdentityPhase of(String value) {
    for (IdentityPhase phase : values()) {
      if (phase.value.equals(value)) {
        return phase;
      }
    }
    throw new IllegalArgumentException("unknown identity phase '" + value + "'");
  }
}
