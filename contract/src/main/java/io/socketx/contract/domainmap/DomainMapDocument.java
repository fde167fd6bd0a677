package io.socketx.contract.domainmap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.socketx.contract.Sha256Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SortedMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The DOMAIN_MAP as the operator writes it and the proxy reads it: compact JSON with hosts sorted,
 * so equal route sets give byte-equal documents and equal config hashes.
 *
 * @param json the document
 * @param sha256 its config hash, {@link #hashOf} the JSON
 */
public record DomainMapDocument(String json, String sha256) {
  /** The most a gzip form may decompress to: a bound against compression bombs. */
  public static final int MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** The document of these entries, keyed by host. */
  public static DomainMapDocument of(SortedMap<String, DomainMapEntry> domainMap) {
    try {
      return of(MAPPER.writeValueAsString(domainMap));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a domain map always serializes", e);
    }
  }

  /** The document of this JSON text, as received. */
  public static DomainMapDocument of(String json) {
    return new DomainMapDocument(json, hashOf(json));
  }

  /**
   * The config hash of a DOMAIN_MAP text: lowercase hex SHA-256 of its UTF-8 bytes. The operator
   * puts it on the ConfigMap and in status; each proxy reports the hash it serves.
   */
  public static String hashOf(String json) {
    return Sha256Hex.of(json);
  }

  /** Size of the UTF-8 JSON in bytes. */
  public int bytes() {
    return json.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The JSON gzip-compressed and base64-encoded for ConfigMap binaryData. The gzip header carries
   * no timestamp, so equal documents compress to equal bytes and an unchanged map is not rewritten.
   */
  public String gzipBase64() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory compression cannot fail", e);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  /**
   * The JSON text of a {@link #gzipBase64} form.
   *
   * @throws IOException when it is not base64 gzip or decompresses to more than {@link
   *     #MAX_DECOMPRESSED_BYTES}
   */
  public static String fromGzipBase64(String base64) throws IOException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IOException("not base64: " + e.getMessage(), e);
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > MAX_DECOMPRESSED_BYTES) {
          throw new IOException("decompresses to more than " + MAX_DECOMPRESSED_BYTES + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
