package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.socketx.crd.SocketXProxy;
import io.socketx.protocol.v2.IdentityKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Secret holding an operator-generated identity key file (identity.pem) and, in annotations,
 * where its rotation stands, so that the state survives an operator restart.
 */
public final class IdentitySecretModel {
  /** The key file inside the Secret (and inside the mounted directory). */
  public static final String KEY_FILE = "identity.pem";

  static final String PHASE_ANNOTATION = "socketx.io/identity-phase";
  static final String SINCE_ANNOTATION = "socketx.io/identity-phase-since";
  static final String REQUEST_ANNOTATION = "socketx.io/identity-rotation-request";

  public static Secret desired(ProxyNames names, SocketXProxy owner, IdentityKeyState state) {
    ObjectMeta meta = names.metadata(names.identity());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(PHASE_ANNOTATION, state.phase().value());
    annotations.put(SINCE_ANNOTATION, state.since().toString());
    if (state.handledRequest() != null) {
      annotations.put(REQUEST_ANNOTATION, state.handledRequest());
    }
    meta.setAnnotations(annotations);
    meta.setOwnerReferences(List.of(OwnerReferences.controlledBy(owner)));
    return new SecretBuilder()
        .withMetadata(meta)
        .withType("Opaque")
        .addToData(
            KEY_FILE,
            Base64.getEncoder()
                .encodeToString(state.keys().toPem().getBytes(StandardCharsets.US_ASCII)))
        .build();
  }

  /**
   * Reads the state the operator wrote.
   *
   * @throws IllegalArgumentException naming what is wrong (never showing key material)
   */
  public static IdentityKeyState read(Secret secret) {
    IdentityKeys keys = keys(secret);
    Map<String, String> annotations =
        secret.getMetadata().getAnnotations() == null
            ? Map.of()
            : secret.getMetadata().getAnnotations();
    IdentityPhase phase =
        IdentityPhase.of(annotations.getOrDefault(PHASE_ANNOTATION, IdentityPhase.STABLE.value()));
    Instant since;
    try {
      since = Instant.parse(annotations.getOrDefault(SINCE_ANNOTATION, Instant.EPOCH.toString()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "annotation " + SINCE_ANNOTATION + " is not an RFC 3339 time");
    }
    return new IdentityKeyState(phase, keys, since, annotations.get(REQUEST_ANNOTATION));
  }

  /**
   * The key file of a Secret, the operator's or a user's.
   *
   * @throws IllegalArgumentException naming what is wrong (never showing key material)
   */
  public static IdentityKeys keys(Secret secret) {
    String file = text(secret, KEY_FILE);
    if (file == null) {
      throw new IllegalArgumentException(
          "Secret " + secret.getMetadata().getName() + " has no key " + KEY_FILE);
    }
    try {
      return IdentityKeys.parsePem(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Secret " + secret.getMetadata().getName() + " key " + KEY_FILE + ": " + e.getMessage(),
          e);
    }
  }

  /** A Secret entry as text, from data (base64) or stringData; null when absent. */
  static String text(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      try {
        return new String(
            Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Secret " + secret.getMetadata().getName() + " key " + key + " is not base64");
      }
    }
    if (secret.getStringData() != null) {
      return secret.getStringData().get(key);
    }
    return null;
  }

  private IdentitySecretModel() {}
}
