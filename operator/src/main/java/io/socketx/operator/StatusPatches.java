package io.socketx.operator;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/** Writes a computed status only when it differs from the stored one, so a no-op costs no write. */
public final class StatusPatches {

  public static <S, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(
      R resource, S next) {
    S previous = resource.getStatus();
    if (previous != null && Serialization.asJson(previous).equals(Serialization.asJson(next))) {
      return UpdateControl.noUpdate();
    }
    resource.setStatus(next);
    return UpdateControl.patchStatus(resource);
  }

  private StatusPatches() {}
}
