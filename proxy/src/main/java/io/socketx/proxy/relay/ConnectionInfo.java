package io.socketx.proxy.relay;

import java.time.Instant;

/**
 * A read-only view of one open connection, for choosing connections to close (e.g. to drain a
 * removed route) and for the headers and audit record that name it.
 */
public record ConnectionInfo(
    String id, String routeKey, String host, String origin, String upstream, Instant started) {}
