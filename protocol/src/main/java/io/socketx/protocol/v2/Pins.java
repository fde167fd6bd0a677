package io.socketx.protocol.v2;

import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import java.util.List;

/**
 * The proxy identities a client accepts: one or more pinned fingerprints, or — only when its user
 * explicitly allowed it — any identity.
 */
public final class Pins {
  private final List<Fingerprint> fingerprints;

  private Pins(List<Fingerprint> fingerprints) {
    this.fingerprints = List.copyOf(fingerprints);
  }

  /** Accepts a proxy whose identity key has one of these fingerprints (1 to 8 of them). */
  public static Pins of(List<Fingerprint> fingerprints) {
    if (fingerprints.isEmpty() || fingerprints.size() > Wire.MAX_HINTS) {
      throw new IllegalArgumentException(
          "pin 1 to " + Wire.MAX_HINTS + " fingerprints, not " + fingerprints.size());
    }
    return new Pins(fingerprints);
  }

  public static Pins of(Fingerprint... fingerprints) {
    return of(List.of(fingerprints));
  }

  /**
   * Accepts any proxy identity: no protection against an active man-in-the-middle unless the
   * transport (wss:// with a verified certificate) authenticates the proxy.
   */
  public static Pins anyIdentity() {
    return new Pins(List.of());
  }

  /** Whether any identity is accepted. */
  public boolean unpinned() {
    return fingerprints.isEmpty();
  }

  public List<Fingerprint> fingerprints() {
    return fingerprints;
  }

  void check(Fingerprint presented) throws ProtocolException {
    if (!unpinned() && !fingerprints.contains(presented)) {
      throw new ProtocolException(
          ProtocolError.PIN_MISMATCH,
          "the proxy presented identity "
              + presented
              + " but the client pins "
              + String.join(", ", fingerprints.stream().map(Fingerprint::toString).toList()));
    }
  }

  @Override
  public String toString() {
    return unpinned() ? "Pins[any identity]" : "Pins" + fingerprints;
  }
}
