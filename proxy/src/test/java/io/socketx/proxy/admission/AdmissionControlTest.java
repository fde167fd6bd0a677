package io.socketx.proxy.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdmissionControlTest {
  private final AtomicLong now = new AtomicLong();

  private static InetAddress ip(String literal) {
    return NetUtil.createInetAddressFromIpAddressString(literal);
  }

  private static String outcome(Admission admission) {
    return admission instanceof Admission.Refused r ? r.reason() : "admitted";
  }

  @Test
  void eachSourceHasItsOwnBucketAndTheRetryAfterSaysWhenItRefills() {
    AdmissionControl control =
        new AdmissionControl(new AdmissionLimits(0, 0, 0, 0, 1, 2, 1, 100, 0), now::get);
    assertThat(outcome(control.admit(ip("192.0.2.1")))).isEqualTo("admitted");
    assertThat(outcome(control.admit(ip("192.0.2.2")))).isEqualTo("admitted");
    Admission refused = control.admit(ip("192.0.2.1"));

    assertThat(refused).isEqualTo(new Admission.Refused("source_rate", 1));
    now.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(outcome(control.admit(ip("192.0.2.1")))).isEqualTo("admitted");
  }

  @ParameterizedTest(name = "{0} and {1} share a bucket: {2}")
  @CsvSource({
    "2001:db8:1:2::1, 2001:db8:1:2::ffff, true",
    "2001:db8:1:2::1, 2001:db8:1:3::1, false",
    "192.0.2.1, 192.0.2.2, false",
  })
  void ipv6SourcesCountPerSlash64(String first, String second, boolean shared) {
    AdmissionControl control =
        new AdmissionControl(new AdmissionLimits(0, 0, 0, 0, 1, 1, 1, 100, 0), now::get);
    control.admit(ip(first));
    assertThat(outcome(control.admit(ip(second)))).isEqualTo(shared ? "source_rate" : "admitted");
  }

  @Test
  void theSourceTableForgetsTheLeastRecentlySeenSourceWhenFull() {
    AdmissionControl control =
        new AdmissionControl(new AdmissionLimits(0, 0, 0, 0, 1, 1, 1, 2, 0), now::get);
    control.admit(ip("192.0.2.1"));
    control.admit(ip("192.0.2.2"));
    control.admit(ip("192.0.2.3"));

    assertThat(control.sourcesTracked()).isEqualTo(2);
    // .1 was forgotten, so it starts again with a full bucket; .3 is still remembered
    assertThat(outcome(control.admit(ip("192.0.2.1")))).isEqualTo("admitted");
    assertThat(outcome(control.admit(ip("192.0.2.3")))).isEqualTo("source_rate");
  }

  @Test
  void handshakeSlotsAreCappedAndReleasedOnce() {
    AdmissionControl control =
        new AdmissionControl(new AdmissionLimits(0, 1, 0, 0, 1, 0, 1, 1, 0), now::get);
    Admission first = control.admit(ip("192.0.2.1"));
    assertThat(outcome(control.admit(ip("192.0.2.2")))).isEqualTo("handshake_concurrency");

    HandshakeSlot slot = ((Admission.Admitted) first).slot();
    slot.release();
    slot.release();

    assertThat(control.handshakesInProgress()).isZero();
    assertThat(outcome(control.admit(ip("192.0.2.2")))).isEqualTo("admitted");
    assertThat(control.handshakesInProgress()).isEqualTo(1);
  }

  @Test
  void connectionsOverTheCapAreRefusedAndZeroMeansNoLimit() {
    AdmissionControl capped =
        new AdmissionControl(new AdmissionLimits(1, 0, 0, 0, 1, 0, 1, 1, 0), now::get);
    capped.connectionOpened();
    assertThat(outcome(capped.admit(ip("192.0.2.1")))).isEqualTo("admitted");
    capped.connectionOpened();
    assertThat(outcome(capped.admit(ip("192.0.2.1")))).isEqualTo("connection_limit");
    capped.connectionClosed();
    assertThat(outcome(capped.admit(ip("192.0.2.1")))).isEqualTo("admitted");

    AdmissionControl unlimited = new AdmissionControl(AdmissionLimits.unlimited(), now::get);
    for (int i = 0; i < 1000; i++) {
      unlimited.connectionOpened();
      assertThat(outcome(unlimited.admit(ip("192.0.2.1")))).isEqualTo("admitted");
    }
  }

  /** Only the per-source handshake cap set: two in progress per source. */
  private AdmissionControl twoHandshakesPerSource() {
    return new AdmissionControl(new AdmissionLimits(0, 0, 2, 0, 1, 0, 1, 100, 0), now::get);
  }

  @Test
  void aSourceHoldingItsHandshakesIsRefusedWhileAnotherSourceIsAdmitted() {
    AdmissionControl control = twoHandshakesPerSource();
    Admission first = control.admit(ip("192.0.2.1"));
    control.admit(ip("192.0.2.1"));

    assertThat(control.admit(ip("192.0.2.1")))
        .isEqualTo(new Admission.Refused("source_concurrency", 1));
    assertThat(outcome(control.admit(ip("192.0.2.2")))).isEqualTo("admitted");
    ((Admission.Admitted) first).slot().release();
    assertThat(control.handshakesInProgressFrom(ip("192.0.2.1"))).isEqualTo(1);
    assertThat(outcome(control.admit(ip("192.0.2.1")))).isEqualTo("admitted");
  }

  @Test
  void aRefusalForAnotherLimitGivesTheSourcesHandshakeBack() {
    AdmissionControl control =
        new AdmissionControl(new AdmissionLimits(0, 0, 1, 0, 1, 1, 1, 100, 0), now::get);
    HandshakeSlot slot = ((Admission.Admitted) control.admit(ip("192.0.2.1"))).slot();
    slot.release();

    assertThat(outcome(control.admit(ip("192.0.2.1")))).isEqualTo("source_rate");
    assertThat(control.handshakesInProgressFrom(ip("192.0.2.1"))).isZero();
  }

  @Test
  void upgradesAreRefusedWhileTheQueuedOutboundBytesAreOverTheBound() {
    AdmissionControl control =
        new AdmissionControl(new AdmissionLimits(0, 0, 0, 0, 1, 0, 1, 1, 1000), now::get);
    control.outboundMemory().add(1001);
    assertThat(control.admit(ip("192.0.2.1"))).isEqualTo(new Admission.Refused("memory", 1));

    control.outboundMemory().add(-1);
    assertThat(outcome(control.admit(ip("192.0.2.1")))).isEqualTo("admitted");
  }
}
