package io.socketx.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainMapDocumentTest {

  static DomainMapDocument mapWithHosts(int hosts) {
    TreeMap<String, DomainMapEntry> map = new TreeMap<>();
    for (int i = 0; i < hosts; i++) {
      map.put(
          "host-" + i + ".example.com",
          new DomainMapEntry(
              "wss://backend-" + i + ".internal:8443/ws", List.of("https://app.example.com")));
    }
    return DomainMapDocument.of(map);
  }

  @Test
  void writesTheProxyContractShapeSortedAndCompact() {
    TreeMap<String, DomainMapEntry> map = new TreeMap<>();
    map.put("b.example.com", new DomainMapEntry("ws://b:80", List.of("*")));
    map.put(
        "*.a.example.com", new DomainMapEntry("wss://a:443/x", List.of("https://*.example.com")));
    DomainMapDocument document = DomainMapDocument.of(map);
    assertThat(document.json())
        .isEqualTo(
            "{\"*.a.example.com\":{\"upstream\":\"wss://a:443/x\",\"allowedOrigins\":[\"https://*.example.com\"]},"
                + "\"b.example.com\":{\"upstream\":\"ws://b:80\",\"allowedOrigins\":[\"*\"]}}");
    assertThat(document.sha256())
        .hasSize(64)
        .isEqualTo(DomainMapDocument.of(new TreeMap<>(map)).sha256());
  }

  @Test
  void compressedPayloadIsDeterministicAndDecompressesToTheJson() throws IOException {
    DomainMapDocument document = mapWithHosts(50);
    assertThat(document.gzipBase64()).isEqualTo(mapWithHosts(50).gzipBase64());
    byte[] gz = Base64.getDecoder().decode(document.gzipBase64());
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(document.json());
    }
  }

  @ParameterizedTest(name = "{0} hosts, threshold {1} -> {2}")
  @CsvSource({
    "0, 100, PLAIN",
    "10, 100000, PLAIN",
    "10, 100, COMPRESSED",
    "5000, 262144, COMPRESSED",
  })
  void choosesLayoutBySize(int hosts, int threshold, ConfigLayout.Kind expected) {
    DomainMapDocument document = mapWithHosts(hosts);
    ConfigLayout layout = ConfigLayout.of(document, threshold);
    assertThat(layout.kind()).isEqualTo(expected);
    if (expected == ConfigLayout.Kind.PLAIN) {
      assertThat(layout.payload()).isEqualTo(document.json());
    } else {
      assertThat(layout.storedBytes()).isLessThan(document.bytes());
    }
  }

  @Test
  void refusesAMapThatDoesNotFitEvenCompressed() {
    // random-looking upstreams compress badly; 80k of them exceed 1 MB even gzip-compressed
    TreeMap<String, DomainMapEntry> map = new TreeMap<>();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 80_000; i++) {
      map.put(
          "h" + Long.toHexString(random.nextLong()) + ".example.com",
          new DomainMapEntry("ws://" + Long.toHexString(random.nextLong()) + ":80", List.of("*")));
    }
    ConfigLayout layout = ConfigLayout.of(DomainMapDocument.of(map), 1000);
    assertThat(layout.kind()).isEqualTo(ConfigLayout.Kind.TOO_LARGE);
    assertThat(layout.payload()).isNull();
  }
}
