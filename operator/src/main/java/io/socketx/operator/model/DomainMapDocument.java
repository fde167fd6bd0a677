package io.socketx.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;

/**
 * The DOMAIN_MAP as the proxy reads it: compact JSON with hosts sorted, so equal route sets give
 * byte-equal documents and equal hashes.
 *
 * @param json the document
 * @param sha256 hex SHA-256 of the UTF-8 JSON
 */
public record DomainMapDocument(String json, String sha256) {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  public static DomainMapDocument of(SortedMap<String, DomainMapEntry> domainMap) {
    try {
      String json = MAPPER.writeValueAsString(domainMap);
      return new DomainMapDocument(json, Sha256.hex(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a domain map always serializes", e);
    }
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
}
