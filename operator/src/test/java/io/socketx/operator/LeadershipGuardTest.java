package io.socketx.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeadershipGuardTest {

  @Test
  void leaseLostWhileRunningTriggersTheLossHandler() {
    AtomicInteger lost = new AtomicInteger();
    new LeadershipGuard(lost::incrementAndGet).onStopLeading().run();
    assertThat(lost).hasValue(1);
  }
}
