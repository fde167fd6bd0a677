/**
 * Java model of the {@code socketx.io/v1alpha1} custom resources {@code SocketXProxy} and {@code
 * SocketXRoute}; the CRD YAML is generated from these classes at build time.
 */
package io.socketx.crd;
