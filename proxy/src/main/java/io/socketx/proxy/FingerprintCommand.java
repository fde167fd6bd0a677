package io.socketx.proxy;

import io.socketx.protocol.v2.Fingerprint;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.proxy.config.IdentityKeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code socketx-proxy fingerprint FILE}: prints the fingerprint of each key in an identity key
 * file, default key first, one per line: what clients pass to {@code --pin}.
 */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = {
      "Print the fingerprint of each identity key in FILE (default key first, one per line): the"
          + " values clients pass to --pin."
    })
final class FingerprintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "An identity key file (IDENTITY_KEY_FILE).")
  Path file;

  @Override
  public Integer call() {
    IdentityKeys keys;
    try {
      keys = IdentityKeyFile.read(file);
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("socketx-proxy fingerprint: " + e.getMessage());
      return Main.EXIT_CONFIG;
    }
    for (Fingerprint f : keys.fingerprints()) {
      spec.commandLine().getOut().println(f);
    }
    return 0;
  }
}
