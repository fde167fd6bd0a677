package io.socketx.protocol.v2;

/**
 * How many records and plaintext bytes one traffic key may protect before the sender updates it
 * (docs/protocol.md section 8).
 *
 * @param records records per key, the KEY_UPDATE record included; at least 2
 * @param bytes plaintext bytes per key; at least 1
 */
public record KeyLimits(long records, long bytes) {
  private static final long MAX_RECORDS = 1L << 24;
  private static final long MAX_BYTES = 1L << 36;

  /** The protocol's limits: 2^24 records or 2^36 bytes per key (RFC 8446 section 5.5 margin). */
  public static final KeyLimits PROTOCOL = new KeyLimits(MAX_RECORDS, MAX_BYTES);

  public KeyLimits {
    if (records < 2 || records > MAX_RECORDS) {
      throw new IllegalArgumentException(
          "records per key must be 2 to " + MAX_RECORDS + " but was " + records);
    }
    if (bytes < 1 || bytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "bytes per key must be 1 to " + MAX_BYTES + " but was " + bytes);
    }
  }
}
