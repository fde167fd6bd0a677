package io.socketx.proxy.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogRateLimiterTest {
  private final AtomicLong now = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double suppressedTotal() {
    return registry.get("socketx.log.suppressed").counter().count();
  }

  @Test
  void linesOverTheRateAreCountedAndSummedUpOnce() {
    LogRateLimiter limiter = new LogRateLimiter(2, registry, now::get);
    int written = 0;
    for (int i = 0; i < 10; i++) {
      written += limiter.admit() ? 1 : 0;
    }

    assertThat(written).isEqualTo(2);
    assertThat(suppressedTotal()).isEqualTo(8.0);
    assertThat(limiter.summarize()).isEqualTo(8);
    assertThat(limiter.summarize()).isZero();

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(limiter.admit()).isTrue();
    assertThat(suppressedTotal()).isEqualTo(8.0);
  }

  @Test
  void zeroWritesEveryLine() {
    LogRateLimiter limiter = new LogRateLimiter(0, registry, now::get);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.admit()).isTrue();
    }
    assertThat(suppressedTotal()).isZero();
  }
}
