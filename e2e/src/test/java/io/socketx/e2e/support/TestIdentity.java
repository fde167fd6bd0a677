package io.socketx.e2e.support;

import io.socketx.protocol.v2.Fingerprint;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The identity key the end-to-end proxies serve: the pod would mount it from a Secret; here it is a
 * temporary file, and every {@link ProxyClient} pins it.
 */
public final class TestIdentity {
  private static final IdentityKeys KEYS =
      IdentityKeys.of(IdentityKey.generate(new SecureRandom()));
  private static final Path FILE = write();

  private TestIdentity() {}

  /** The key file for {@code IDENTITY_KEY_FILE}. */
  public static Path file() {
    return FILE;
  }

  /** The fingerprint clients pin. */
  public static Fingerprint pin() {
    return KEYS.fingerprints().get(0);
  }

  private static Path write() {
    try {
      Path file = Files.createTempFile("socketx-e2e-identity-", ".pem");
      file.toFile().deleteOnExit();
      return Files.writeString(file, KEYS.toPem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
