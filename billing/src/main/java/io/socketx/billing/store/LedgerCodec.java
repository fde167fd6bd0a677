package io.socketx.billing.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketx.billing.model.Dimension;
import io.socketx.billing.model.Ledger;
import io.socketx.billing.model.Settlement;
import io.socketx.billing.model.UsageKey;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a {@link Ledger} to ConfigMap data: one key {@code replica.<id>} per replica with its
 * cumulative counts per hour and dimension, and one key {@code settlements} with what happened to
 * each bucket. JSON with sorted keys, so unchanged state encodes to identical text.
 */
public final class LedgerCodec {
  /** Prefix of per-replica count keys. */
  public static final String REPLICA_PREFIX = "replica.";

  /** Key holding the settlements. */
  public static final String SETTLEMENTS = "settlements";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<TreeMap<String, TreeMap<String, Long>>> COUNTS =
      new TypeReference<>() {};
  private static final TypeReference<TreeMap<String, StoredSettlement>> SETTLED =
      new TypeReference<>() {};

  /** JSON shape of one settlement. */
  record StoredSettlement(String state, long quantity, String owner, String at, String detail) {}

  /** Encodes the ledger as ConfigMap data. */
  public Map<String, String> encode(Ledger ledger) {
    Map<String, String> data = new TreeMap<>();
    try {
      for (Map.Entry<String, Map<UsageKey, Long>> replica : ledger.replicas().entrySet()) {
        TreeMap<String, TreeMap<String, Long>> hours = new TreeMap<>();
        replica
            .getValue()
            .forEach(
                (k, v) ->
                    hours
                        .computeIfAbsent(k.hour().toString(), h -> new TreeMap<>())
                        .put(k.dimension().apiName(), v));
        data.put(REPLICA_PREFIX + replica.getKey(), MAPPER.writeValueAsString(hours));
      }
      TreeMap<String, StoredSettlement> settled = new TreeMap<>();
      ledger
          .settlements()
          .forEach(
              (k, s) ->
                  settled.put(
                      k.id(),
                      new StoredSettlement(
                          s.state().name(),
                          s.quantity(),
                          s.owner(),
                          s.at().toString(),
                          s.detail())));
      data.put(SETTLEMENTS, MAPPER.writeValueAsString(settled));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return data;
  }

  /** Decodes ConfigMap data; unknown keys are ignored. */
  public Ledger decode(Map<String, String> data) {
    if (data == null) {
      return Ledger.empty();
    }
    Map<String, Map<UsageKey, Long>> replicas = new TreeMap<>();
    Map<UsageKey, Settlement> settlements = new TreeMap<>();
    try {
      for (Map.Entry<String, String> e : data.entrySet()) {
        if (e.getKey().startsWith(REPLICA_PREFIX)) {
          Map<UsageKey, Long> counts = new TreeMap<>();
          MAPPER
              .readValue(e.getValue(), COUNTS)
              .forEach(
                  (hour, dims) ->
                      dims.forEach(
                          (dim, v) ->
                              counts.put(
                                  new UsageKey(Instant.parse(hour), Dimension.ofApiName(dim)), v)));
          replicas.put(e.getKey().substring(REPLICA_PREFIX.length()), counts);
        } else if (e.getKey().equals(SETTLEMENTS)) {
          MAPPER
              .readValue(e.getValue(), SETTLED)
              .forEach(
                  (id, s) ->
                      settlements.put(
                          UsageKey.parse(id),
                          new Settlement(
                              Settlement.State.valueOf(s.state()),
                              s.quantity(),
                              s.owner(),
                              Instant.parse(s.at()),
                              s.detail())));
        }
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable billing ledger", e);
    }
    return Ledger.of(replicas, settlements);
  }
}
