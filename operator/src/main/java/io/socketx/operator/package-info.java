/** The SocketX operator's start-up, settings, probes, metrics and event recording. */
package io.socketx.operator;
