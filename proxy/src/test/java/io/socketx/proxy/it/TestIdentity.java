package io.socketx.proxy.it;

import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.Pins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** The identity key every test proxy serves (IDENTITY_KEY_FILE) and the pin of its clients. */
final class TestIdentity {
  static final IdentityKeys KEYS = IdentityKeys.of(IdentityKey.generate(new SecureRandom()));
  static final Pins PINS = Pins.of(KEYS.fingerprints().get(0));
  static final Path FILE = write(KEYS);

  private TestIdentity() {}

  /** A key file holding {@code keys}, deleted when the JVM exits. */
  static Path write(IdentityKeys keys) {
    try {
      Path file = Files.createTempFile("socketx-identity-", ".pem");
      file.toFile().deleteOnExit();
      Files.writeString(file, keys.toPem());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
