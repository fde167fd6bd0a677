package io.socketx.protocol.v2;

import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.Suite;
import java.util.Objects;

/**
 * What a v2 client session uses: its suite, the pathname to open upstream, the proxy identities it
 * accepts, its decoder window, its per-key limits and where its AES-GCM comes from.
 */
public record ClientSettings(
    Suite suite,
    String pathname,
    Pins pins,
    int decoderWindowSize,
    KeyLimits keyLimits,
    AesGcmProvider aesGcm) {

  public ClientSettings {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(pins, "pins");
    Objects.requireNonNull(keyLimits, "keyLimits");
    Objects.requireNonNull(aesGcm, "aesGcm");
    UpstreamPathname.check(pathname);
    if (decoderWindowSize < 1) {
      throw new IllegalArgumentException(
          "decoderWindowSize must be at least 1 but was " + decoderWindowSize);
    }
  }

  /** Settings with the JDK's AES-GCM. */
  public ClientSettings(
      Suite suite, String pathname, Pins pins, int decoderWindowSize, KeyLimits keyLimits) {
    this(suite, pathname, pins, decoderWindowSize, keyLimits, AesGcmProvider.jdk());
  }

  /** Settings with the default window, the protocol's key limits and the JDK's AES-GCM. */
  public static ClientSettings of(Suite suite, String pathname, Pins pins) {
    return new ClientSettings(
        suite, pathname, pins, ProtocolConstants.DEFAULT_DECODER_WINDOW, KeyLimits.PROTOCOL);
  }
}
