/**
 * The SocketXProxy controller: its reconciler, which computes the plan and the status, and the
 * dependent resources, which only build desired objects from that plan.
 */
package io.socketx.operator.proxy;
