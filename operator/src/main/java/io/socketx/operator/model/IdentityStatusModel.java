package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.socketx.crd.IdentityStatus;
import io.socketx.crd.SocketXApi.Conditions;
import io.socketx.crd.SocketXProxyStatus;
import java.util.List;

/**
 * Adds the identity key and TLS parts to a proxy's status: status.identity (fingerprints only) and
 * the IdentityReady, IdentityRotating and TLSReady conditions.
 */
public final class IdentityStatusModel {

  /**
   * Sets them on {@code status}; when the key is unusable the last published fingerprints stay, as
   * running proxies keep serving the last good key.
   *
   * @param tls the TLS Secret check; null when spec.tls is not set (TLSReady is then dropped)
   */
  public static void apply(
      SocketXProxyStatus status,
      SocketXProxyStatus previous,
      String configMapName,
      IdentityOutcome identity,
      ConditionState tls,
      Long generation,
      String now) {
    if (identity.publication() != null) {
      status.setIdentity(identityStatus(identity.publication(), configMapName));
    } else if (previous != null) {
      status.setIdentity(previous.getIdentity());
    }
    List<Condition> conditions = status.getConditions();
    conditions = set(conditions, Conditions.IDENTITY_READY, identity.check(), generation, now);
    conditions =
        set(conditions, Conditions.IDENTITY_ROTATING, identity.rotation(), generation, now);
    if (tls != null) {
      conditions = set(conditions, Conditions.TLS_READY, tls, generation, now);
    } else if (conditions != null) {
      conditions =
          conditions.stream().filter(c -> !Conditions.TLS_READY.equals(c.getType())).toList();
    }
    status.setConditions(conditions);
  }

  static IdentityStatus identityStatus(IdentityPublication publication, String configMapName) {
    IdentityStatus identity = new IdentityStatus();
    identity.setSecretName(publication.secretName());
    identity.setConfigMapName(configMapName);
    identity.setCurrent(publication.current().fingerprint());
    identity.setNext(publication.next() == null ? null : publication.next().fingerprint());
    identity.setPrevious(
        publication.previous() == null ? null : publication.previous().fingerprint());
    identity.setPhase(publication.phase().value());
    identity.setNextStepAt(
        publication.nextStepAt() == null ? null : publication.nextStepAt().toString());
    return identity;
  }

  private static List<Condition> set(
      List<Condition> conditions, String type, ConditionState check, Long generation, String now) {
    return StatusConditions.set(
        conditions, type, check.ok(), check.reason(), check.message(), generation, now);
  }

  private IdentityStatusModel() {}
}
