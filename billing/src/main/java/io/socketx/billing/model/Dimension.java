package io.socketx.billing.model;

/** A billed metering dimension, with its Marketplace name. */
public enum Dimension {
  ENCODED_MESSAGES("encodedMessages"),
  DECODED_MESSAGES("decodedMessages");

  private final String apiName;

  Dimension(String apiName) {
    this.apiName = apiName;
  }

  /** The dimension id as configured in the Marketplace plan. */
  public String apiName() {
    return apiName;
  }

  /** Looks up a dimension by its Marketplace name. */
  public static Dimension ofApiName(String name) {
    for (Dimension d : values()) {
      if (d.apiName.equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown dimension " + name);
  }
}
