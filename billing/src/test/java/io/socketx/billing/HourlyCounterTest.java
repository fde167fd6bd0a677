package io.socketx.billing;

import static io.socketx.billing.model.Dimension.DECODED_MESSAGES;
import static io.socketx.billing.model.Dimension.ENCODED_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.billing.fakes.MutableClock;
import io.socketx.billing.model.UsageKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HourlyCounterTest {
  private static final Instant H10 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void countsIntoTheHourOfTheClockAcrossTheBoundary() {
    MutableClock clock = new MutableClock(H10.plus(Duration.ofMinutes(59)));
    HourlyCounter counter = new HourlyCounter(clock);
    for (int i = 0; i < 3; i++) {
      counter.encoded();
    }
    counter.decoded();
    clock.advance(Duration.ofMinutes(1)); // exactly 11:00
    counter.encoded();
    counter.encoded();
    assertThat(counter.snapshot())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new UsageKey(H10, ENCODED_MESSAGES), 3L,
                new UsageKey(H10, DECODED_MESSAGES), 1L,
                new UsageKey(H10.plusSeconds(3600), ENCODED_MESSAGES), 2L));
    assertThat(counter.total(ENCODED_MESSAGES)).isEqualTo(5);
  }

  @Test
  void snapshotsAreCumulativeAndRetiringKeepsTotals() {
    MutableClock clock = new MutableClock(H10);
    HourlyCounter counter = new HourlyCounter(clock);
    counter.decoded();
    assertThat(counter.snapshot()).containsEntry(new UsageKey(H10, DECODED_MESSAGES), 1L);
    counter.decoded();
    assertThat(counter.snapshot()).containsEntry(new UsageKey(H10, DECODED_MESSAGES), 2L);
    clock.advance(Duration.ofHours(30));
    counter.decoded();
    counter.retire(clock.instant().minus(Duration.ofHours(26)));
    assertThat(counter.snapshot()).doesNotContainKey(new UsageKey(H10, DECODED_MESSAGES));
    assertThat(counter.total(DECODED_MESSAGES)).isEqualTo(3);
  }

  @Test
  void concurrentIncrementsAreAllCounted() throws Exception {
    HourlyCounter counter = new HourlyCounter(new MutableClock(H10));
    int threads = 4;
    int perThread = 50_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  counter.encoded();
                  counter.decoded();
                }
              });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertThat(counter.snapshot())
        .containsEntry(new UsageKey(H10, ENCODED_MESSAGES), (long) threads * perThread)
        .containsEntry(new UsageKey(H10, DECODED_MESSAGES), (long) threads * perThread);
  }
}
