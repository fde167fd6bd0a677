package io.socketx.operator.proxy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.socketx.contract.DurationGrammar;
import io.socketx.crd.IdentitySpec;
import io.socketx.crd.SocketXApi.Reasons;
import io.socketx.crd.SocketXProxy;
import io.socketx.operator.EventRecorder;
import io.socketx.operator.model.ConditionState;
import io.socketx.operator.model.IdentityConfigMapModel;
import io.socketx.operator.model.IdentityKeyState;
import io.socketx.operator.model.IdentityOutcome;
import io.socketx.operator.model.IdentityPhase;
import io.socketx.operator.model.IdentityPublication;
import io.socketx.operator.model.IdentitySecretModel;
import io.socketx.operator.model.ProxyNames;
import io.socketx.operator.model.PublicKey;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps a proxy's identity key: generates it into the Secret {@code <proxy>-identity} (or reads the
 * user's Secret), moves a requested rotation on when its overlap has passed, and publishes the
 * public side in the ConfigMap {@code <proxy>-identity}. Key material goes only into the Secret;
 * events and conditions carry fingerprints.
 */
final class IdentityKeeper {
  /** Overlap when spec.identity.rotationOverlap is empty; the CRD's default. */
  static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

  private final KubernetesClient client;
  private final EventRecorder events;
  private final SecureRandom random;

  IdentityKeeper(KubernetesClient client, SecureRandom random) {
    this.client = client;
    this.events = new EventRecorder(client);
    this.random = random;
  }

  /** Brings the identity of {@code proxy} to where it should be at {@code now}. */
  IdentityOutcome reconcile(SocketXProxy proxy, Instant now) {
    ProxyNames names = new ProxyNames(proxy);
    IdentitySpec spec = proxy.getSpec().getIdentity();
    IdentityOutcome outcome =
        spec != null && spec.getSecretName() != null
            ? external(proxy, spec)
            : generated(proxy, names, spec, now);
    if (outcome.publication() != null) {
      publish(names, proxy, outcome.publication());
    }
    return outcome;
  }

  private IdentityOutcome generated(
      SocketXProxy proxy, ProxyNames names, IdentitySpec spec, Instant now) {
    Duration overlap;
    try {
      overlap = overlap(spec);
    } catch (IllegalArgumentException e) {
      return unusable(Reasons.INVALID_SPEC, "spec.identity.rotationOverlap: " + e.getMessage());
    }
    String request = spec == null ? null : spec.getRotate();
    Secret secret = secret(names.namespace(), names.identity());
    IdentityKeyState state;
    if (secret == null) {
      state = IdentityKeyState.initial(IdentityKey.generate(random), now, request);
      client.resource(IdentitySecretModel.desired(names, proxy, state)).create();
      events.normal(
          proxy,
          "IdentityKeyCreated",
          "generated identity key "
              + state.keys().fingerprints().get(0)
              + " in Secret "
              + names.identity());
    } else {
      try {
        state = IdentitySecretModel.read(secret);
      } catch (IllegalArgumentException e) {
        // never overwrite: clients may have pinned what is in there
        return unusable(
            Reasons.SECRET_INVALID,
            e.getMessage() + "; delete the Secret to have a new key generated");
      }
      IdentityKeyState.Step step =
          state.advance(request, overlap, now, () -> IdentityKey.generate(random));
      if (step.changed()) {
        Secret desired = IdentitySecretModel.desired(names, proxy, step.state());
        desired.getMetadata().setResourceVersion(secret.getMetadata().getResourceVersion());
        client.resource(desired).update();
        events.normal(proxy, step.reason(), step.message());
        state = step.state();
      }
    }
    IdentityPublication publication = state.publication(names.identity(), overlap);
    return new IdentityOutcome(served(publication), publication, rotation(publication));
  }

  private IdentityOutcome external(SocketXProxy proxy, IdentitySpec spec) {
    String name = spec.getSecretName();
    Secret secret = secret(proxy.getMetadata().getNamespace(), name);
    if (secret == null) {
      return unusable(
          Reasons.SECRET_MISSING,
          "identity Secret "
              + name
              + " does not exist; create it with the key "
              + IdentitySecretModel.KEY_FILE
              + " (openssl genpkey -algorithm ed25519)");
    }
    IdentityKeys keys;
    try {
      keys = IdentitySecretModel.keys(secret);
    } catch (IllegalArgumentException e) {
      return unusable(Reasons.SECRET_INVALID, e.getMessage());
    }
    var publication =
        new IdentityPublication(
            name,
            IdentityPhase.EXTERNAL,
            PublicKey.of(keys.keys().get(0)),
            keys.keys().size() > 1 ? PublicKey.of(keys.keys().get(1)) : null,
            null,
            null);
    ConditionState rotation =
        ConditionState.isFalse(
            Reasons.ROTATION_NOT_MANAGED,
            "the key is the user's Secret "
                + name
                + ": rotate it there (add the new key as a second block, then swap, then drop)");
    return new IdentityOutcome(served(publication), publication, rotation);
  }

  private void publish(ProxyNames names, SocketXProxy proxy, IdentityPublication publication) {
    ConfigMap desired = IdentityConfigMapModel.desired(names, proxy, publication);
    ConfigMap existing =
        client.configMaps().inNamespace(names.namespace()).withName(names.identity()).get();
    if (existing == null || !Objects.equals(existing.getData(), desired.getData())) {
      client.resource(desired).createOr(NonDeletingOperation::update);
    }
  }

  private Secret secret(String namespace, String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  static Duration overlap(IdentitySpec spec) {
    return spec == null || spec.getRotationOverlap() == null
        ? DEFAULT_OVERLAP
        : DurationGrammar.parse(spec.getRotationOverlap());
  }

  private static ConditionState served(IdentityPublication publication) {
    return ConditionState.isTrue(
        Reasons.KEY_SERVED,
        "proxies serve identity key "
            + publication.current().fingerprint()
            + " from Secret "
            + publication.secretName());
  }

  private static ConditionState rotation(IdentityPublication publication) {
    return switch (publication.phase()) {
      case NEXT_PUBLISHED ->
          ConditionState.isTrue(
              Reasons.NEXT_KEY_PUBLISHED,
              "next key "
                  + publication.next().fingerprint()
                  + " served beside the current one; it becomes current at "
                  + publication.nextStepAt());
      case PROMOTED ->
          ConditionState.isTrue(
              Reasons.NEXT_KEY_PROMOTED,
              "previous key "
                  + publication.previous().fingerprint()
                  + " still served until "
                  + publication.nextStepAt());
      default -> ConditionState.isFalse(Reasons.NO_ROTATION, "one identity key is served");
    };
  }

  private static IdentityOutcome unusable(String reason, String message) {
    ConditionState problem = ConditionState.isFalse(reason, message);
    return new IdentityOutcome(
        problem, null, ConditionState.isFalse(Reasons.NO_ROTATION, "no usable identity key"));
  }
}
