package io.socketx.protocol.v2;

import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.Suite;
import java.util.Objects;

/**
 * What a v2 proxy session uses: the weakest suite it accepts, its identity keys, its decoder window
 * and its per-key limits.
 */
public record ServerSettings(
    Suite minimumSuite, IdentityKeys identityKeys, int decoderWindowSize, KeyLimits keyLimits) {

  public ServerSettings {
    Objects.requireNonNull(minimumSuite, "minimumSuite");
    Objects.requireNonNull(identityKeys, "identityKeys");
    Objects.requireNonNull(keyLimits, "keyLimits");
    if (decoderWindowSize < 1) {
      throw new IllegalArgumentException(
          "decoderWindowSize must be at least 1 but was " + decoderWindowSize);
    }
  }

  /** Settings with the default window and the protocol's key limits. */
  public static ServerSettings of(Suite minimumSuite, IdentityKeys identityKeys) {
    return new ServerSettings(
        minimumSuite, identityKeys, ProtocolConstants.DEFAULT_DECODER_WINDOW, KeyLimits.PROTOCOL);
  }
}
