package io.socketx.billing.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.billing.model.Dimension;
import io.socketx.billing.model.Ledger;
import io.socketx.billing.model.Settlement;
import io.socketx.billing.model.UsageKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {
  private final LedgerCodec codec = new LedgerCodec();

  @Test
  void roundTripsCountsClaimsAndSettlements() {
    Instant h = Instant.parse("2026-01-01T10:00:00Z");
    UsageKey e = new UsageKey(h, Dimension.ENCODED_MESSAGES);
    UsageKey d = new UsageKey(h, Dimension.DECODED_MESSAGES);
    Ledger ledger =
        Ledger.empty()
            .withReplicaCounts("proxy-a-1234", Map.of(e, 10L, d, 2L))
            .withReplicaCounts("proxy-b-5678", Map.of(e, 5L))
            .claim(
                List.of(d),
                "proxy-a-1234/claim",
                h.plusSeconds(7300),
                java.time.Duration.ofMinutes(10))
            .settle(
                Map.of(
                    e,
                    Settlement.settled(Settlement.State.ACCEPTED, 15, h.plusSeconds(7300), "evt")));
    Map<String, String> data = codec.encode(ledger);
    assertThat(data).containsKeys("replica.proxy-a-1234", "replica.proxy-b-5678", "settlements");
    assertThat(data.get("replica.proxy-b-5678"))
        .isEqualTo("{\"2026-01-01T10:00:00Z\":{\"encodedMessages\":5}}");
    assertThat(codec.decode(data)).isEqualTo(ledger);
    assertThat(codec.encode(codec.decode(data))).isEqualTo(data);
  }

  @Test
  void ignoresUnknownKeysAndMissingData() {
    assertThat(codec.decode(null)).isEqualTo(Ledger.empty());
    assertThat(codec.decode(Map.of("note", "hello"))).isEqualTo(Ledger.empty());
  }
}
