package io.socketx.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.v2.CloseNotice;
import io.socketx.proxy.relay.CloseDecision.Frame;
import io.socketx.proxy.relay.CloseDecision.Side;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CloseDecisionTest {

  /**
   * Each cause and what it sends, written as: who closed; audited code and reason; the client's
   * CLOSE record (origin and code) or "-"; the client's close frame ("no frame" for a dropped leg,
   * "+wait" when the proxy then waits for the client's close frame); the upstream's close frame.
   */
  static Stream<Arguments> causes() {
    return Stream.of(
        Arguments.of(
            "client CLOSE record",
            CloseDecision.clientClosed(new CloseNotice(CloseNotice.Origin.SOCKETX, 4000, "done")),
            "client | 4000 done | - | 4000 done +wait | 4000 done"),
        Arguments.of(
            "client CLOSE record with a code no frame may carry",
            CloseDecision.clientClosed(new CloseNotice(CloseNotice.Origin.SOCKETX, 1015, "tls")),
            "client | 1015 tls | - | 1000 tls +wait | 1000 tls"),
        Arguments.of(
            "client close frame without a CLOSE record",
            CloseDecision.clientTruncated(1001, "bye"),
            "client | 4025 truncated session | - | 1001 bye | 1001 client went away"),
        Arguments.of(
            "client close frame without a status",
            CloseDecision.clientTruncated(CloseCodes.NO_STATUS, ""),
            "client | 4025 truncated session | - | no status | 1001 client went away"),
        Arguments.of(
            "client connection lost",
            CloseDecision.clientLost(),
            "client | 1006 client connection lost | - | no frame | 1001 client went away"),
        Arguments.of(
            "upstream close frame",
            CloseDecision.upstreamClosed(4100, "maintenance"),
            "upstream | 4100 maintenance | upstream 4100 maintenance | 1000  +wait"
                + " | 4100 maintenance"),
        Arguments.of(
            "upstream close frame without a status",
            CloseDecision.upstreamClosed(CloseCodes.NO_STATUS, ""),
            "upstream | 1005  | upstream 1005  | 1000  +wait | no status"),
        Arguments.of(
            "upstream connection lost",
            CloseDecision.upstreamLost(),
            "upstream | 1014 upstream connection lost | socketx 1014 upstream connection lost"
                + " | 1014 upstream connection lost +wait | no frame"),
        Arguments.of(
            "SocketX protocol error",
            CloseDecision.protocolError(ProtocolError.TEXT_FRAME),
            "proxy | 4016 text frame not allowed | socketx 4016 text frame not allowed"
                + " | 4016 text frame not allowed +wait | 1001 client protocol error"),
        Arguments.of(
            "malformed client frame",
            CloseDecision.clientFrameError(1002, "bad opcode"),
            "proxy | 1002 bad opcode | socketx 1002 bad opcode | 1002 bad opcode"
                + " | 1001 client protocol error"),
        Arguments.of(
            "proxy limit, same code on both legs",
            CloseDecision.proxy(CloseCodes.POLICY_VIOLATION, "buffer limit exceeded"),
            "proxy | 1008 buffer limit exceeded | socketx 1008 buffer limit exceeded"
                + " | 1008 buffer limit exceeded +wait | 1008 buffer limit exceeded"),
        Arguments.of(
            "invalid close code from the client",
            CloseDecision.proxy(
                new Frame(CloseCodes.PROTOCOL_ERROR, "invalid close code"),
                new Frame(CloseCodes.GOING_AWAY, "client protocol error")),
            "proxy | 1002 invalid close code | socketx 1002 invalid close code"
                + " | 1002 invalid close code +wait | 1001 client protocol error"),
        Arguments.of(
            "client write timeout: the client leg is dropped",
            CloseDecision.proxy(
                new Frame(CloseCodes.ABNORMAL, "client write timeout"),
                new Frame(CloseCodes.GOING_AWAY, "client write timeout")),
            "proxy | 1006 client write timeout | - | no frame | 1001 client write timeout"),
        Arguments.of(
            "upstream unreachable",
            CloseDecision.proxy(
                new Frame(CloseCodes.BAD_GATEWAY, "upstream unavailable"),
                new Frame(CloseCodes.ABNORMAL, "")),
            "proxy | 1014 upstream unavailable | socketx 1014 upstream unavailable"
                + " | 1014 upstream unavailable +wait | no frame"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("causes")
  void eachCauseDecidesOneCloseFramePerLegAndTheAuditedCode(
      String cause, CloseDecision decision, String expected) {
    assertThat(describe(decision)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("causes")
  void whenTheProxyClosesTheAuditRecordsTheCodeTheClientWasSent(
      String cause, CloseDecision decision, String expected) {
    if (decision.closedBy() != Side.PROXY) {
      return;
    }
    assertThat(decision.auditedCode()).isEqualTo(decision.toClient().code());
    assertThat(decision.auditedReason()).isEqualTo(decision.toClient().reason());
    if (decision.closeRecord() != null) {
      assertThat(decision.closeRecord().code()).isEqualTo(decision.toClient().code());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("causes")
  void theClientGetsACloseRecordOnlyWhenItDidNotEndTheSessionItself(
      String cause, CloseDecision decision, String expected) {
    boolean expectRecord =
        decision.closedBy() != Side.CLIENT && decision.auditedCode() != CloseCodes.ABNORMAL;
    assertThat(decision.closeRecord() != null).isEqualTo(expectRecord);
  }

  @Test
  void longReasonsAreCutAtACharacterBoundaryToFitACloseFrame() {
    String reason = "é".repeat(100); // 200 UTF-8 bytes
    CloseDecision decision = CloseDecision.upstreamClosed(4000, reason);
    assertThat(decision.toUpstream().reason()).isEqualTo("é".repeat(61));
    assertThat(decision.closeRecord().reason().getBytes(StandardCharsets.UTF_8)).hasSize(122);
    assertThat(decision.auditedReason()).as("the audit keeps what arrived").isEqualTo(reason);
  }

  private static String describe(CloseDecision d) {
    CloseNotice record = d.closeRecord();
    return String.join(
        " | ",
        d.closedBy().label(),
        d.auditedCode() + " " + d.auditedReason(),
        record == null
            ? "-"
            : record.origin().name().toLowerCase(java.util.Locale.ROOT)
                + " "
                + record.code()
                + " "
                + record.reason(),
        frame(d.toClient())
            + (d.awaitsClientCloseFrame() && !d.toClient().abrupt() ? " +wait" : ""),
        frame(d.toUpstream()));
  }

  private static String frame(Frame f) {
    if (f.abrupt()) {
      return "no frame";
    }
    return f.hasStatus() ? f.code() + " " + f.reason() : "no status";
  }
}
