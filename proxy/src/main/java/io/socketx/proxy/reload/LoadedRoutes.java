package io.socketx.proxy.reload;

import java.time.Instant;

/**
 * What the proxy serves now: the SHA-256 of the DOMAIN_MAP text (the operator's {@code
 * socketx.io/config-hash}), where it came from, how many routes, and when it was applied.
 */
public record LoadedRoutes(String configHash, String source, int routes, Instant loadedAt) {}
