package io.socketx.proxy.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The close audit record of one connection: the message counters kept while it is open and the one
 * JSON line written when it ends, with the code its {@link CloseDecision} sent. The field names are
 * a compatibility contract (docs/configuration.md, "Logs"). Event loop only.
 */
final class ConnectionAudit {
  private static final Logger AUDIT = LoggerFactory.getLogger("io.socketx.proxy.audit");

  private final Instant started = Instant.now();
  private long decodedMessages;
  private long decodedBytes;
  private long encodedMessages;
  private long encodedBytes;
  private long decodeNanos;
  private long encodeNanos;

  Instant started() {
    return started;
  }

  /** A client message was decoded and forwarded. */
  void decoded(int bytes, long nanos) {
    decodedMessages++;
    decodedBytes += bytes;
    decodeNanos += nanos;
  }

  /** An upstream message was encoded for the client. */
  void encoded(int bytes, long nanos) {
    encodedMessages++;
    encodedBytes += bytes;
    encodeNanos += nanos;
  }

  /** Writes the audit line of {@code connection}, which ended as {@code decision} says. */
  void write(Connection connection, CloseDecision decision) {
    AUDIT.info("Connection closed", Markers.appendEntries(fields(connection, decision)));
  }

  /** The audit line's fields, in the order they are written. */
  Map<String, Object> fields(Connection connection, CloseDecision decision) {
    Instant ended = Instant.now();
    ConnectionInfo info = connection.info();
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("event_type", "audit");
    audit.put("connection_id", info.id());
    audit.put("host", info.host());
    audit.put("origin", info.origin());
    audit.put("route", info.routeKey());
    audit.put("upstream_server", info.upstream());
    audit.put("upstream_query_bytes", connection.upstreamQueryBytes());
    audit.put("eeid", connection.eeid());
    audit.put("start_time", started.toString());
    audit.put("end_time", ended.toString());
    audit.put("duration_ms", Duration.between(started, ended).toMillis());
    audit.put("messages_from_client", decodedMessages);
    audit.put("bytes_from_client", decodedBytes);
    audit.put("messages_to_client", encodedMessages);
    audit.put("bytes_to_client", encodedBytes);
    audit.put("decode_time_ms", decodeNanos / 1_000_000.0);
    audit.put("encode_time_ms", encodeNanos / 1_000_000.0);
    audit.put("close_code", decision.auditedCode());
    audit.put("close_reason", decision.auditedReason());
    audit.put("closed_by", decision.closedBy().label());
    // The seed logged the close audit as one "audit" object; existing queries read it there.
    Map<String, Object> seedAudit = new LinkedHashMap<>(audit);
    seedAudit.remove("event_type");
    audit.put("audit", seedAudit);
    return audit;
  }
}
