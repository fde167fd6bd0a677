package io.socketx.proxy.relay;

import java.time.Instant;

/** A read-only view of one open connection, for enumerating (e.g. to drain a removed route). */
public record ConnectionInfo(
    String id, String routeKey, String host, String origin, String upstream, Instant started) {}
