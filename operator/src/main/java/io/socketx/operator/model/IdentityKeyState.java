package io.socketx.operator.model;

import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator-generated identity keys of one proxy and where their rotation stands: Stable (one
 * key) → NextPublished (the new key second, so the proxy serves it to clients that pin it) →
 * Promoted (the new key first, the old one second) → Stable (the new key alone). Each step waits
 * for the overlap; the time comes from the caller, so tests drive it with a fixed clock.
 *
 * @param phase the rotation step
 * @param keys the key file's keys, the default first
 * @param since when the phase began
 * @param handledRequest the spec.identity.rotate value the last rotation started for
 */
public record IdentityKeyState(
    IdentityPhase phase, IdentityKeys keys, Instant since, String handledRequest) {

  public IdentityKeyState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(since, "since");
    int expected = phase == IdentityPhase.STABLE ? 1 : 2;
    if (phase == IdentityPhase.EXTERNAL || keys.keys().size() != expected) {
      throw new IllegalArgumentException(
          "phase " + phase.value() + " holds " + expected + " key(s), not " + keys.keys().size());
    }
  }

  /**
   * A new proxy's state: one fresh key. A rotation request already in the spec counts as handled: a
   * new key needs no rotation.
   */
  public static IdentityKeyState initial(IdentityKey key, Instant now, String request) {
    return new IdentityKeyState(IdentityPhase.STABLE, IdentityKeys.of(key), now, request);
  }

  /**
   * One step, or none.
   *
   * @param step the new state and what to tell the user about it
   */
  public record Step(IdentityKeyState state, String reason, String message) {
    public boolean changed() {
      return reason != null;
    }
  }

  /**
   * The next state at {@code now}: a new {@code request} starts a rotation when none runs, and an
   * overlap that has passed moves the rotation on.
   */
  public Step advance(String request, Duration overlap, Instant now, Supplier<IdentityKey> newKey) {
    IdentityKey first = keys.keys().get(0);
    switch (phase) {
      case STABLE -> {
        if (request != null && !request.isEmpty() && !request.equals(handledRequest)) {
          IdentityKey next = newKey.get();
          IdentityKeyState published =
              new IdentityKeyState(
                  IdentityPhase.NEXT_PUBLISHED, IdentityKeys.of(first, next), now, request);
          return new Step(
              published,
              "IdentityRotationStarted",
              "next identity key "
                  + next.fingerprint()
                  + " is served beside "
                  + first.fingerprint()
                  + "; pin both; it becomes current at "
                  + now.plus(overlap));
        }
      }
      case NEXT_PUBLISHED -> {
        if (!now.isBefore(since.plus(overlap))) {
          IdentityKey next = keys.keys().get(1);
          return new Step(
              new IdentityKeyState(
                  IdentityPhase.PROMOTED, IdentityKeys.of(next, first), now, handledRequest),
              "IdentityKeyPromoted",
              "identity key "
                  + next.fingerprint()
                  + " is now current; "
                  + first.fingerprint()
                  + " is still served until "
                  + now.plus(overlap));
        }
      }
      case PROMOTED -> {
        if (!now.isBefore(since.plus(overlap))) {
          return new Step(
              new IdentityKeyState(
                  IdentityPhase.STABLE, IdentityKeys.of(first), now, handledRequest),
              "IdentityRotationCompleted",
              "previous identity key "
                  + keys.keys().get(1).fingerprint()
                  + " removed; "
                  + first.fingerprint()
                  + " is the only key served");
        }
      }
      default -> throw new IllegalStateException("not an operator-managed phase: " + phase);
    }
    return new Step(this, null, null);
  }

  /** When the rotation takes its next step; empty when none runs. */
  public Optional<Instant> nextStepAt(Duration overlap) {
    return phase == IdentityPhase.STABLE ? Optional.empty() : Optional.of(since.plus(overlap));
  }

  /** The public side, for status and the identity ConfigMap. */
  public IdentityPublication publication(String secretName, Duration overlap) {
    IdentityKey second = keys.keys().size() > 1 ? keys.keys().get(1) : null;
    return new IdentityPublication(
        secretName,
        phase,
        PublicKey.of(keys.keys().get(0)),
        phase == IdentityPhase.NEXT_PUBLISHED ? PublicKey.of(second) : null,
        phase == IdentityPhase.PROMOTED ? PublicKey.of(second) : null,
        nextStepAt(overlap).orElse(null));
  }

  @Override
  public String toString() {
    // never the keys themselves
    return "IdentityKeyState[" + phase.value() + ", " + keys.fingerprints() + ", " + since + "]";
  }
}
