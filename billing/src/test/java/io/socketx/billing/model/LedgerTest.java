package io.socketx.billing.model;

import static io.socketx.billing.model.Dimension.DECODED_MESSAGES;
import static io.socketx.billing.model.Dimension.ENCODED_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private static final Instant H10 = Instant.parse("2026-01-01T10:00:00Z");
  private static final UsageKey E10 = new UsageKey(H10, ENCODED_MESSAGES);
  private static final UsageKey D10 = new UsageKey(H10, DECODED_MESSAGES);
  private static final UsageKey E11 = new UsageKey(H10.plusSeconds(3600), ENCODED_MESSAGES);
  private static final Duration TTL = Duration.ofMinutes(10);

  @Test
  void replicaCountsNeverGoDownAndSumAcrossReplicas() {
    Ledger l =
        Ledger.empty()
            .withReplicaCounts("a", Map.of(E10, 5L))
            .withReplicaCounts("b", Map.of(E10, 7L, D10, 1L))
            .withReplicaCounts("a", Map.of(E10, 3L)); // stale snapshot
    assertThat(l.totals()).containsExactlyInAnyOrderEntriesOf(Map.of(E10, 12L, D10, 1L));
    assertThat(l.withReplicaCounts("a", Map.of(E10, 5L))).isSameAs(l);
  }

  @Test
  void dueOnlyAfterTheHourClosedPlusGrace() {
    Ledger l = Ledger.empty().withReplicaCounts("a", Map.of(E10, 1L, E11, 2L));
    Duration grace = Duration.ofMinutes(16);
    assertThat(l.due(H10.plus(Duration.ofMinutes(75)), grace, TTL)).isEmpty();
    assertThat(l.due(H10.plus(Duration.ofMinutes(76)), grace, TTL)).containsExactly(E10);
    assertThat(l.pending(H10.plus(Duration.ofMinutes(76)))).isEqualTo(1);
  }

  @Test
  void aLiveClaimBlocksOthersUntilItExpires() {
    Instant now = H10.plus(Duration.ofHours(2));
    Ledger l =
        Ledger.empty().withReplicaCounts("a", Map.of(E10, 4L)).claim(List.of(E10), "x", now, TTL);
    assertThat(l.claimedBy("x")).containsEntry(E10, 4L);
    Ledger other = l.claim(List.of(E10), "y", now.plusSeconds(60), TTL);
    assertThat(other.claimedBy("y")).isEmpty();
    assertThat(other.due(now.plusSeconds(60), Duration.ZERO, TTL)).isEmpty();
    Ledger later = l.claim(List.of(E10), "y", now.plus(TTL), TTL);
    assertThat(later.claimedBy("y")).containsEntry(E10, 4L);
  }

  @Test
  void aFinalSettlementIsNeverOverwritten() {
    Instant now = H10.plus(Duration.ofHours(2));
    Ledger l =
        Ledger.empty()
            .withReplicaCounts("a", Map.of(E10, 4L))
            .settle(Map.of(E10, Settlement.settled(Settlement.State.ACCEPTED, 4, now, "id-1")))
            .settle(Map.of(E10, Settlement.settled(Settlement.State.REJECTED, 4, now, "late")));
    assertThat(l.settlement(E10).orElseThrow().detail()).isEqualTo("id-1");
    assertThat(l.due(now, Duration.ZERO, TTL)).isEmpty();
    assertThat(l.claim(List.of(E10), "z", now, TTL).claimedBy("z")).isEmpty();
  }

  @Test
  void releaseDropsOnlyTheOwnersClaim() {
    Instant now = H10.plus(Duration.ofHours(2));
    Ledger l =
        Ledger.empty()
            .withReplicaCounts("a", Map.of(E10, 4L, D10, 3L))
            .claim(List.of(E10), "x", now, TTL)
            .claim(List.of(D10), "y", now, TTL)
            .release(List.of(E10, D10), "x");
    assertThat(l.settlement(E10)).isEmpty();
    assertThat(l.claimedBy("y")).containsKey(D10);
  }

  @Test
  void lateMessagesAreThoseCountedAfterAcceptance() {
    Instant now = H10.plus(Duration.ofHours(2));
    Ledger l =
        Ledger.empty()
            .withReplicaCounts("a", Map.of(E10, 4L))
            .settle(Map.of(E10, Settlement.settled(Settlement.State.ACCEPTED, 4, now, "")))
            .withReplicaCounts("b", Map.of(E10, 3L));
    assertThat(l.lateMessages()).isEqualTo(3);
  }

  @Test
  void pruneForgetsOldHours() {
    Instant now = H10.plus(Duration.ofHours(2));
    Ledger l =
        Ledger.empty()
            .withReplicaCounts("a", Map.of(E10, 4L))
            .withReplicaCounts("b", Map.of(E11, 4L))
            .settle(Map.of(E10, Settlement.settled(Settlement.State.ACCEPTED, 4, now, "")))
            .prune(E11.hour());
    assertThat(l.replicas()).containsOnlyKeys("b");
    assertThat(l.settlements()).isEmpty();
  }
}
