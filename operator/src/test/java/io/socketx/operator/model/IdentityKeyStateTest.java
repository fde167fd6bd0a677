package io.socketx.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityKeyStateTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final Duration OVERLAP = Duration.ofHours(1);
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  final IdentityKey old = IdentityKey.generate(RANDOM);
  final IdentityKey fresh = IdentityKey.generate(RANDOM);

  @Test
  void aFullRotationPublishesPromotesAndDropsAfterEachOverlap() {
    IdentityKeyState stable = IdentityKeyState.initial(old, T0, null);

    var started = stable.advance("r1", OVERLAP, T0.plusSeconds(5), () -> fresh);
    assertThat(started.reason()).isEqualTo("IdentityRotationStarted");
    assertThat(started.state().phase()).isEqualTo(IdentityPhase.NEXT_PUBLISHED);
    // the old key stays first: clients without a hint still get it
    assertThat(started.state().keys().fingerprints())
        .containsExactly(old.fingerprint(), fresh.fingerprint());
    assertThat(started.state().nextStepAt(OVERLAP)).contains(T0.plusSeconds(5).plus(OVERLAP));
    var published = started.state().publication("s", OVERLAP);
    assertThat(published.current().fingerprint()).isEqualTo(old.fingerprint().toString());
    assertThat(published.next().fingerprint()).isEqualTo(fresh.fingerprint().toString());
    assertThat(published.pins())
        .containsExactly(old.fingerprint().toString(), fresh.fingerprint().toString());

    Instant promoteAt = T0.plusSeconds(5).plus(OVERLAP);
    assertThat(
            started.state().advance("r1", OVERLAP, promoteAt.minusSeconds(1), () -> null).changed())
        .as("one second before the overlap ends")
        .isFalse();
    var promoted = started.state().advance("r1", OVERLAP, promoteAt, () -> null);
    assertThat(promoted.reason()).isEqualTo("IdentityKeyPromoted");
    assertThat(promoted.state().keys().fingerprints())
        .containsExactly(fresh.fingerprint(), old.fingerprint());
    var afterPromotion = promoted.state().publication("s", OVERLAP);
    assertThat(afterPromotion.current().fingerprint()).isEqualTo(fresh.fingerprint().toString());
    assertThat(afterPromotion.previous().fingerprint()).isEqualTo(old.fingerprint().toString());
    assertThat(afterPromotion.next()).isNull();
    assertThat(afterPromotion.pins()).containsExactly(fresh.fingerprint().toString());

    var done = promoted.state().advance("r1", OVERLAP, promoteAt.plus(OVERLAP), () -> null);
    assertThat(done.reason()).isEqualTo("IdentityRotationCompleted");
    assertThat(done.state().phase()).isEqualTo(IdentityPhase.STABLE);
    assertThat(done.state().keys().fingerprints()).containsExactly(fresh.fingerprint());
    assertThat(done.state().nextStepAt(OVERLAP)).isEmpty();

    assertThat(
            done.state()
                .advance("r1", OVERLAP, promoteAt.plus(OVERLAP).plus(OVERLAP), () -> null)
                .changed())
        .as("the same request does not rotate twice")
        .isFalse();
  }

  @ParameterizedTest(name = "request {0} on a key created for {1}: rotates={2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "null, null, false",
        "'', null, false",
        "r1, null, true",
        "r1, r1, false",
        "r2, r1, true"
      })
  void onlyANewRequestStartsARotation(String request, String handled, boolean rotates) {
    IdentityKeyState stable = IdentityKeyState.initial(old, T0, handled);
    assertThat(stable.advance(request, OVERLAP, T0, () -> fresh).changed()).isEqualTo(rotates);
  }

  @Test
  void aRequestDuringARotationWaitsUntilItEnds() {
    var published =
        IdentityKeyState.initial(old, T0, null).advance("r1", OVERLAP, T0, () -> fresh).state();
    var step =
        published.advance("r2", OVERLAP, T0.plusSeconds(1), () -> IdentityKey.generate(RANDOM));
    assertThat(step.changed()).isFalse();
  }

  @Test
  void aPhaseWithTheWrongNumberOfKeysIsRefused() {
    assertThatThrownBy(
            () ->
                new IdentityKeyState(IdentityPhase.NEXT_PUBLISHED, IdentityKeys.of(old), T0, null))
        .hasMessageContaining("NextPublished holds 2 key(s), not 1");
  }

  @Test
  void toStringShowsFingerprintsNotKeys() {
    IdentityKeyState state = IdentityKeyState.initial(old, T0, null);
    String pem = state.keys().toPem();
    String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    assertThat(state.toString()).contains(old.fingerprint().toString()).doesNotContain(body);
  }
}
