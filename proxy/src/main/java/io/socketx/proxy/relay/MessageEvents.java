package io.socketx.proxy.relay;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Debug events per encoded or decoded message: sizes and SHA-256 digests, never payload bytes. */
final class MessageEvents {
  private static final Logger LOG = LoggerFactory.getLogger("io.socketx.proxy.messages");

  private MessageEvents() {}

  static boolean enabled() {
    return LOG.isDebugEnabled();
  }

  /** Logs one event; {@code payload} is read through a duplicate and left unchanged. */
  static void log(Connection connection, String eventType, long nanos, ByteBuffer payload) {
    Map<String, Object> fields = connection.logFields();
    fields.put("event_type", eventType);
    fields.put("duration_ms", nanos / 1_000_000.0);
    fields.put("payload_size_bytes", payload.remaining());
    fields.put("payload_sha256", sha256(payload.duplicate()));
    LOG.debug("{}", eventType, Markers.appendEntries(fields));
  }

  private static String sha256(ByteBuffer payload) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(payload);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
