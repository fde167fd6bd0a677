package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The SocketX custom resource schemas from the operator's checked-in CRDs, by apiVersion/kind. */
final class CustomResourceSchemas {

  private static final Map<String, OpenApiSchema> SCHEMAS = load(Repo.OPERATOR_CRDS);

  private CustomResourceSchemas() {}

  static boolean knows(JsonNode object) {
    return SCHEMAS.containsKey(key(object));
  }

  /** Asserts that the custom resource is valid against its CRD's schema. */
  static void check(JsonNode object) {
    OpenApiSchema schema = SCHEMAS.get(key(object));
    assertThat(schema).as("a CRD in crd/crds/ for %s", key(object)).isNotNull();
    assertThat(schema.validate(object))
        .as("%s %s against its CRD schema", key(object), object.at("/metadata/name").asText())
        .isEmpty();
  }

  private static String key(JsonNode object) {
    return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
  }

  private static Map<String, OpenApiSchema> load(Path dir) {
    Map<String, OpenApiSchema> schemas = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        for (ObjectNode crd :
            HelmRunner.parse(Files.readString(file)).ofKind("CustomResourceDefinition")) {
          String group = crd.at("/spec/group").asText();
          for (JsonNode version : crd.at("/spec/versions")) {
            String name = version.path("name").asText();
            schemas.put(
                group + "/" + name + "/" + crd.at("/spec/names/kind").asText(),
                OpenApiSchema.fromCrd(crd, name));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(schemas);
  }
}
