package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;

/** Entropy that answers each purpose with the hex value a published test vector holds for it. */
public record FixedEntropy(JsonNode values) implements Entropy {
  @Override
  public byte[] next(EntropyPurpose purpose, int length) {
    JsonNode v = values.get(purpose.label());
    assertThat(v).as("vector has a value for %s", purpose.label()).isNotNull();
    byte[] bytes = HexFormat.of().parseHex(v.asText());
    assertThat(bytes).as("length of %s", purpose.label()).hasSize(length);
    return bytes;
  }
}
