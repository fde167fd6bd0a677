package io.socketx.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a client session offers: its preferred suite (stronger ones are offered too, weaker never),
 * the pathname to open upstream, its decoder window and the payload codec.
 */
public record ClientSettings(
    Suite suite, String pathname, int decoderWindowSize, PayloadCodecFactory codecFactory) {

  public ClientSettings {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(codecFactory, "codecFactory");
    PathnameRule.check(pathname);
    if (decoderWindowSize < 1) {
      throw new IllegalArgumentException(
          "decoderWindowSize must be at least 1 but was " + decoderWindowSize);
    }
  }

  /** Settings with the default window and the open AES-GCM codec. */
  public static ClientSettings of(Suite suite, String pathname) {
    return new ClientSettings(
        suite, pathname, ProtocolConstants.DEFAULT_DECODER_WINDOW, AesGcmCodec.factory());
  }

  /** The suites offered in REQUEST: the preferred one first, then every stronger one. */
  public List<Suite> offeredSuites() {
    List<Suite> offered = new ArrayList<>();
    offered.add(suite);
    for (Suite s : Suite.values()) {
      if (s.strength() > suite.strength()) {
        offered.add(s);
      }
    }
    return List.copyOf(offered);
  }
}
