package io.socketx.billing.config;

/**
 * How replicas share their counts: in-process only, or through a Kubernetes ConfigMap and Lease.
 */
public enum Coordination {
  LOCAL,
  KUBERNETES
}
