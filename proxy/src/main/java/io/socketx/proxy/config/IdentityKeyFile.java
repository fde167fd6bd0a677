package io.socketx.proxy.config;

import io.socketx.protocol.v2.IdentityKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a proxy identity key file (docs/protocol.md section 6.4: one or two PEM PKCS#8 Ed25519
 * keys). Error messages name the file and the problem, never key material.
 */
public final class IdentityKeyFile {
  private IdentityKeyFile() {}

  /**
   * The keys in {@code file}.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it does not hold one or two Ed25519 PKCS#8 keys
   */
  public static IdentityKeys read(Path file) throws IOException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IOException("file '" + file + "' does not exist or is not readable");
    }
    return IdentityKeys.parsePem(Files.readString(file, StandardCharsets.US_ASCII));
  }
}
