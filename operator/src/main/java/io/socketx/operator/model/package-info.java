/**
 * Pure mapping from SocketX resources to the Kubernetes objects the operator wants: route merging
 * and conflict resolution, the DOMAIN_MAP document and its ConfigMap layout, and the desired
 * ConfigMap, Deployment, Service, RBAC objects and PodDisruptionBudget. Nothing here talks to a
 * cluster, so all of it is unit-tested without one.
 */
package io.socketx.operator.model;
