package io.socketx.protocol;

/** Fixed values of the SocketX protocol v1 wire format. */
public final class ProtocolConstants {
  /** WebSocket subprotocol a client may offer; the proxy echoes it when offered. */
  public static final String SUBPROTOCOL = "socketx.v1";

  /** The four magic bytes every record starts with: ASCII "SCKX". */
  public static final int MAGIC = 0x53434B58;

  /** Protocol version carried in every record header. */
  public static final int VERSION = 1;

  /** Length of the record header: magic (4), version (1), action (1), message type (1). */
  public static final int HEADER_LENGTH = 7;

  /** Length of the explicit sequence number in encoded records. */
  public static final int SEQUENCE_LENGTH = 8;

  /** Default size of the decoder's anti-replay window, in records. */
  public static final int DEFAULT_DECODER_WINDOW = 1000;

  /** Largest handshake record (REQUEST, RESPONSE, PAIR_REQUEST, PAIR_RESPONSE) a peer accepts. */
  public static final int MAX_HANDSHAKE_RECORD = 16 * 1024;

  /** Longest pathname an UPSTREAM_CONNECTION_REQUEST may carry, in characters. */
  public static final int MAX_PATHNAME_LENGTH = 8192;

  private ProtocolConstants() {}
}
