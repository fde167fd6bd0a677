package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Property-style checks of the anti-replay window over many random permutations. */
class ReplayWindowTest {

  private static ProtocolError errorOf(ReplayWindow w, long seq) {
    try {
      w.check(seq);
      return null;
    } catch (ProtocolException e) {
      return e.error();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 63, 64, 65, 1000})
  void anyPermutationWithinTheWindowIsAcceptedExactlyOnce(int size) {
    Random random = new Random(size);
    for (int trial = 0; trial < 200; trial++) {
      ReplayWindow w = new ReplayWindow(size);
      long base = trial * 3L * size;
      List<Long> block = new ArrayList<>();
      for (long s = base; s < base + size; s++) {
        block.add(s);
      }
      // deliver the block with its newest first, then the rest in random order: all stay inside
      Collections.shuffle(block, random);
      block.remove(Long.valueOf(base + size - 1));
      block.add(0, base + size - 1);
      for (long s : block) {
        assertThat(errorOf(w, s)).as("first delivery of %d", s).isNull();
        w.accept(s);
      }
      for (long s : block) {
        assertThat(errorOf(w, s)).as("second delivery of %d", s).isEqualTo(ProtocolError.REPLAY);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 64, 100, 1000})
  void recordsOlderThanTheWindowAreRejectedAndNewerOnesAccepted(int size) {
    Random random = new Random(~size);
    ReplayWindow w = new ReplayWindow(size);
    long highest = -1;
    for (int step = 0; step < 5_000; step++) {
      long seq = Math.max(0, highest + random.nextInt(3 * size) - 2 * size);
      ProtocolError error = errorOf(w, seq);
      if (seq > highest) {
        assertThat(error).isNull();
      } else if (highest - seq >= size) {
        assertThat(error).isEqualTo(ProtocolError.OUTSIDE_WINDOW);
      } else {
        assertThat(error).isIn(null, ProtocolError.REPLAY);
      }
      if (error == null) {
        w.accept(seq);
        highest = Math.max(highest, seq);
        assertThat(errorOf(w, seq)).isEqualTo(ProtocolError.REPLAY);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {64, 1000, 1_000_000, Long.MAX_VALUE})
  void aLargeJumpForgetsEverythingBehindTheWindow(long jump) {
    ReplayWindow w = new ReplayWindow(64);
    for (long s = 0; s < 64; s++) {
      w.accept(s);
    }
    long far = jump == Long.MAX_VALUE ? jump : 63 + jump;
    w.accept(far);

    assertThat(errorOf(w, far - 1)).as("just behind the new highest").isNull();
    assertThat(errorOf(w, 63)).isEqualTo(ProtocolError.OUTSIDE_WINDOW);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void rejectsWindowsSmallerThanOne(int size) {
    assertThatThrownBy(() -> new ReplayWindow(size)).isInstanceOf(IllegalArgumentException.class);
  }
}
