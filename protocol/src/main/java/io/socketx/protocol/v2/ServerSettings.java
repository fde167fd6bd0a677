package io.socketx.protocol.v2;

import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.Suite;
import java.util.Objects;

/**
 * What a v2 proxy session uses: the weakest suite it accepts, its identity keys, its decoder
 * window, its per-key limits and where its AES-GCM comes from.
 */
public record ServerSettings(
    Suite minimumSuite,
    IdentityKeys identityKeys,
    int decoderWindowSize,
    KeyLimits keyLimits,
    AesGcmProvider aesGcm) {

  public ServerSettings {
    Objects.requireNonNull(minimumSuite, "minimumSuite");
    Objects.requireNonNull(identityKeys, "identityKeys");
    Objects.requireNonNull(keyLimits, "keyLimits");
    Objects.requireNonNull(aesGcm, "aesGcm");
    if (decoderWindowSize < 1) {
      throw new IllegalArgumentException(
          "decoderWindowSize must be at least 1 but was " + decoderWindowSize);
    }
  }

  /** Settings with the JDK's AES-GCM. */
  public ServerSettings(
      Suite minimumSuite, IdentityKeys identityKeys, int decoderWindowSize, KeyLimits keyLimits) {
    this(minimumSuite, identityKeys, decoderWindowSize, keyLimits, AesGcmProvider.jdk());
  }

  /** Settings with the default window, the protocol's key limits and the JDK's AES-GCM. */
  public static ServerSettings of(Suite minimumSuite, IdentityKeys identityKeys) {
    return new ServerSettings(
        minimumSuite, identityKeys, ProtocolConstants.DEFAULT_DECODER_WINDOW, KeyLimits.PROTOCOL);
  }
}
