package io.socketx.operator.model;

import io.socketx.contract.domainmap.DomainMapDocument;

/**
 * How a DOMAIN_MAP goes into its ConfigMap: plain under data DOMAIN_MAP, gzip-compressed under
 * binaryData DOMAIN_MAP.gz above the compression threshold, or not at all when even compressed it
 * would exceed what a ConfigMap can hold (the last good map then stays in place).
 *
 * @param kind which of the three
 * @param payload the text to store: JSON for PLAIN, base64 gzip for COMPRESSED, null otherwise
 * @param storedBytes bytes the payload occupies in the ConfigMap (decoded for binaryData)
 */
public record ConfigLayout(Kind kind, String payload, int storedBytes) {

  /** The three layouts. */
  public enum Kind {
    PLAIN,
    COMPRESSED,
    TOO_LARGE
  }

  /** Chooses the layout of {@code document} for a compression threshold in bytes. */
  public static ConfigLayout of(DomainMapDocument document, int compressThresholdBytes) {
    int bytes = document.bytes();
    if (bytes <= compressThresholdBytes) {
      return new ConfigLayout(Kind.PLAIN, document.json(), bytes);
    }
    String compressed = document.gzipBase64();
    int compressedBytes = compressed.length() / 4 * 3;
    if (compressedBytes > ProxyDefaults.MAX_CONFIGMAP_PAYLOAD_BYTES) {
      return new ConfigLayout(Kind.TOO_LARGE, null, compressedBytes);
    }
    return new ConfigLayout(Kind.COMPRESSED, compressed, compressedBytes);
  }
}
