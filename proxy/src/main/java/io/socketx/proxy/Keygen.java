package io.socketx.proxy;

import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code socketx-proxy keygen}: writes a new identity key file (docs/protocol.md section 6.4) that
 * only its owner can read, and prints its fingerprint on standard output, so {@code --pin
 * "$(socketx-proxy keygen --out key.pem)"} works.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Write a new proxy identity key (PEM, PKCS#8 Ed25519, mode 0600) for IDENTITY_KEY_FILE and"
          + " print its fingerprint, the value clients pass to --pin."
    })
final class Keygen implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write the key file.")
  Path out;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    IdentityKey key = IdentityKey.generate(new SecureRandom());
    byte[] pem = IdentityKeys.of(key).toPem().getBytes(StandardCharsets.US_ASCII);
    try {
      write(pem);
    } catch (FileAlreadyExistsException e) {
      spec.commandLine()
          .getErr()
          .println("socketx-proxy keygen: " + out + " exists; pass --force to replace it");
      return Main.EXIT_CONFIG;
    }
    spec.commandLine().getErr().println("Wrote identity key " + out + " (mode 0600)");
    spec.commandLine().getOut().println(key.fingerprint());
    return 0;
  }

  /** Creates the file owner-only from the start, so the key is never readable by others. */
  private void write(byte[] pem) throws IOException {
    Path target = out.toAbsolutePath();
    if (!force && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(out.toString());
    }
    Path dir = target.getParent();
    Path tmp = Files.createTempFile(dir, ".keygen-", ".pem", ownerOnly(dir));
    try {
      Files.write(tmp, pem);
      if (force) {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        // fails if the file appeared meanwhile: never replaces without --force
        Files.move(tmp, target);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path dir) {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? new java.nio.file.attribute.FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new java.nio.file.attribute.FileAttribute<?>[0];
  }
}
