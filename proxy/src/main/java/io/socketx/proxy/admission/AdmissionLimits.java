package io.socketx.proxy.admission;

/**
 * The admission settings; a limit of 0 is off. See docs/security.md.
 *
 * @param maxConnections open TCP connections on the public listener
 * @param maxConcurrentHandshakes admitted upgrades whose SocketX handshake is not finished
 * @param handshakeRate upgrades a second for the whole proxy
 * @param handshakeBurst the whole proxy's bucket size
 * @param sourceRate upgrades a second per source address
 * @param sourceBurst a source's bucket size
 * @param sourcesTracked how many sources' buckets are remembered
 */
public record AdmissionLimits(
    int maxConnections,
    int maxConcurrentHandshakes,
    int handshakeRate,
    int handshakeBurst,
    int sourceRate,
    int sourceBurst,
    int sourcesTracked) {

  /** No limits at all. */
  public static AdmissionLimits unlimited() {
    return new AdmissionLimits(0, 0, 0, 1, 0, 1, 1);
  }
}
