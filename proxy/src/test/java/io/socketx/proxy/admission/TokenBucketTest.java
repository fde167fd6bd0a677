package io.socketx.proxy.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

  @Test
  void admitsTheBurstThenOnePerRefillInterval() {
    TokenBucket bucket = new TokenBucket(10, 3, now::get);
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(100).toNanos());

    now.addAndGet(Duration.ofMillis(60).toNanos());
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(40).toNanos());
    now.addAndGet(Duration.ofMillis(40).toNanos());
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isPositive();
  }

  @Test
  void aLongQuietPeriodBanksNoMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(1, 2, now::get);
    now.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isPositive();
  }
}
