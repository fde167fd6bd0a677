package io.socketx.protocol;

import java.util.Objects;

/**
 * What a server session accepts: the weakest suite it allows, its decoder window, and the payload
 * codec.
 */
public record SessionSettings(
    Suite minimumSuite, int decoderWindowSize, PayloadCodecFactory codecFactory) {

  public SessionSettings {
    Objects.requireNonNull(minimumSuite, "minimumSuite");
    Objects.requireNonNull(codecFactory, "codecFactory");
    if (decoderWindowSize < 1) {
      throw new IllegalArgumentException(
          "decoderWindowSize must be at least 1 but was " + decoderWindowSize);
    }
  }

  /** Settings with the given minimum suite, the default window and the open AES-GCM codec. */
  public static SessionSettings of(Suite minimumSuite) {
    return new SessionSettings(
        minimumSuite, ProtocolConstants.DEFAULT_DECODER_WINDOW, AesGcmCodec.factory());
  }
}
