package io.socketx.protocol;

/** Creates the {@link PayloadCodec} of a session once its handshake has derived the keys. */
public interface PayloadCodecFactory {

  /** A stable name for logs and the RESPONSE record, e.g. {@code "aes-256-gcm"}. */
  String name();

  /**
   * Creates a codec that encodes with {@code encoderKeys} and decodes with {@code decoderKeys},
   * rejecting replays outside a window of {@code decoderWindowSize} records.
   */
  PayloadCodec create(DirectionKeys encoderKeys, DirectionKeys decoderKeys, int decoderWindowSize);
}
