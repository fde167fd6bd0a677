package io.socketx.protocol;

import java.security.SecureRandom;

/**
 * Source of every random value a session uses, named by purpose so that test vectors can fix each
 * one independently of the order an implementation draws them in.
 */
@FunctionalInterface
public interface Entropy {

  /** Returns {@code length} fresh random bytes for {@code purpose}. */
  byte[] next(EntropyPurpose purpose, int length);

  /** Entropy drawn from a {@link SecureRandom}; the purpose is ignored. */
  static Entropy from(SecureRandom random) {
    return (purpose, length) -> {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      return bytes;
    };
  }

  /** Entropy from a new, self-seeding {@link SecureRandom}. */
  static Entropy secure() {
    return from(new SecureRandom());
  }
}
