package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.socketx.contract.domainmap.DomainMapKeys;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * What one proxy instance says it serves, read from its heartbeat Lease: the config hash and how
 * long the report holds.
 *
 * @param instance the pod (Lease holder)
 * @param configHash SHA-256 of the DOMAIN_MAP the instance serves
 * @param expiresAt renew time plus lease duration; a report past it no longer counts
 */
public record InstanceReport(String instance, String configHash, Instant expiresAt) {
  /** Whether the report still counts at {@code now}. */
  public boolean liveAt(Instant now) {
    return expiresAt.isAfter(now);
  }

  /** The report in a heartbeat Lease, if it has a holder, a renew time and a duration. */
  public static Optional<InstanceReport> of(Lease lease) {
    if (lease.getSpec() == null
        || lease.getSpec().getHolderIdentity() == null
        || lease.getSpec().getRenewTime() == null
        || lease.getSpec().getLeaseDurationSeconds() == null) {
      return Optional.empty();
    }
    Map<String, String> annotations = lease.getMetadata().getAnnotations();
    String hash =
        annotations == null
            ? ""
            : annotations.getOrDefault(DomainMapKeys.CONFIG_HASH_ANNOTATION, "");
    ZonedDateTime renewed = lease.getSpec().getRenewTime();
    return Optional.of(
        new InstanceReport(
            lease.getSpec().getHolderIdentity(),
            hash,
            renewed.toInstant().plusSeconds(lease.getSpec().getLeaseDurationSeconds())));
  }
}
