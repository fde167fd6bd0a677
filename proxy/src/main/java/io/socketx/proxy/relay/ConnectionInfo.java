package io.socketx.proxy.relay;

import java.time.Instant;

/**
 * A read-only view of one open connection, for enumerating (e.g. to drain a removed route); the
 * pending byte counts are what the proxy holds unsent toward each leg.
 */
public record ConnectionInfo(
    String id,
    String routeKey,
    String host,
    String origin,
    String upstream,
    Instant started,
    long pendingToClientBytes,
    long pendingToUpstreamBytes) {}
