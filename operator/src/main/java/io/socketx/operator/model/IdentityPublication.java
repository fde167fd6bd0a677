package io.socketx.operator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator publishes about a proxy's identity keys: public halves only.
 *
 * @param secretName the Secret holding the key file
 * @param phase the rotation step
 * @param current the key served by default
 * @param next the new key during a rotation before promotion (or a user's second key), else null
 * @param previous the old key during a rotation after promotion, else null
 * @param nextStepAt when the rotation moves on, else null
 */
public record IdentityPublication(
    String secretName,
    IdentityPhase phase,
    PublicKey current,
    PublicKey next,
    PublicKey previous,
    Instant nextStepAt) {

  /**
   * The fingerprints an app built now should pin: current, and next during a rotation (previous is
   * about to go away).
   */
  public List<String> pins() {
    List<String> pins = new ArrayList<>();
    pins.add(current.fingerprint());
    if (next != null) {
      pins.add(next.fingerprint());
    }
    return pins;
  }
}
