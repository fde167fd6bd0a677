package io.socketx.operator.model;

/**
 * What the operator found or made of a proxy's identity key in one reconciliation.
 *
 * @param check whether the key file is usable, as a condition
 * @param publication the public side; null when the Secret is missing or unusable
 * @param rotation the IdentityRotating condition: true while a rotation runs
 */
public record IdentityOutcome(
    ConditionState check, IdentityPublication publication, ConditionState rotation) {}
