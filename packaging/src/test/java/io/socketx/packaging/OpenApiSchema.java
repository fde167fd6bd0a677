package io.socketx.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an object against a CRD's structural openAPIV3Schema: the subset a Kubernetes API
 * server enforces for custom resources (type, properties, required, enum, pattern, lengths, ranges,
 * items, additionalProperties, x-kubernetes-int-or-string and preserve-unknown-fields). Unknown
 * fields count as errors, as they would be pruned silently by the server.
 */
final class OpenApiSchema {

  private static final Set<String> SERVER_OWNED_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final JsonNode root;

  OpenApiSchema(JsonNode openApiV3Schema) {
    this.root = openApiV3Schema;
  }

  /** The schema of the given version from a CRD document. */
  static OpenApiSchema fromCrd(JsonNode crd, String version) {
    for (JsonNode v : crd.at("/spec/versions")) {
      if (version.equals(v.path("name").asText())) {
        return new OpenApiSchema(v.at("/schema/openAPIV3Schema"));
      }
    }
    throw new AssertionError("CRD " + crd.at("/metadata/name").asText() + " has no " + version);
  }

  /** Every violation as "path: problem"; empty when the object is valid. */
  List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>();
    check(root, object, "", errors);
    return errors;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
    String at = path.isEmpty() ? "/" : path;
    if (value.isNull() && schema.path("nullable").asBoolean(false)) {
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        errors.add(at + ": must be an integer or a string");
      }
      return;
    }
    String type = schema.path("type").asText("");
    if (!type.isEmpty() && !hasType(value, type)) {
      errors.add(at + ": must be of type " + type + ", got " + value.getNodeType());
      return;
    }
    if (schema.has("enum")) {
      boolean allowed = false;
      for (JsonNode option : schema.get("enum")) {
        allowed |=
            option.equals(value) || (option.isNumber() && option.asText().equals(value.asText()));
      }
      if (!allowed) {
        errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (value.isTextual()) {
      checkString(schema, value.asText(), at, errors);
    }
    if (value.isNumber()) {
      checkNumber(schema, value.asDouble(), at, errors);
    }
    if (value.isArray()) {
      checkArray(schema, value, path, errors);
    }
    if (value.isObject()) {
      checkObject(schema, value, path, errors);
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static void checkString(JsonNode schema, String s, String at, List<String> errors) {
    if (schema.has("pattern")
        && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
      errors.add(at + ": \"" + s + "\" does not match " + schema.get("pattern").asText());
    }
    if (schema.has("minLength") && s.length() < schema.get("minLength").asInt()) {
      errors.add(at + ": shorter than " + schema.get("minLength").asInt());
    }
    if (schema.has("maxLength") && s.length() > schema.get("maxLength").asInt()) {
      errors.add(at + ": longer than " + schema.get("maxLength").asInt());
    }
  }

  private static void checkNumber(JsonNode schema, double n, String at, List<String> errors) {
    if (schema.has("minimum") && n < schema.get("minimum").asDouble()) {
      errors.add(at + ": " + n + " is below the minimum " + schema.get("minimum"));
    }
    if (schema.has("maximum") && n > schema.get("maximum").asDouble()) {
      errors.add(at + ": " + n + " is above the maximum " + schema.get("maximum"));
    }
  }

  private void checkArray(JsonNode schema, JsonNode array, String path, List<String> errors) {
    String at = path.isEmpty() ? "/" : path;
    if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
      errors.add(at + ": fewer than " + schema.get("minItems").asInt() + " items");
    }
    if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
      errors.add(at + ": more than " + schema.get("maxItems").asInt() + " items");
    }
    if (schema.has("items")) {
      for (int i = 0; i < array.size(); i++) {
        check(schema.get("items"), array.get(i), path + "/" + i, errors);
      }
    }
  }

  private void checkObject(JsonNode schema, JsonNode object, String path, List<String> errors) {
    String at = path.isEmpty() ? "/" : path;
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        errors.add(at + ": required field " + required.asText() + " is missing");
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    // The API server handles apiVersion, kind and metadata itself; CRD schemas may omit them.
    boolean serverOwned = path.equals("/metadata");
    for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String childPath = path + "/" + field.getKey();
      if (properties.has(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), childPath, errors);
      } else if (additional.isObject()) {
        check(additional, field.getValue(), childPath, errors);
      } else if (path.isEmpty() && SERVER_OWNED_FIELDS.contains(field.getKey())) {
        continue;
      } else if (!preserve && !serverOwned && !additional.asBoolean(false)) {
        errors.add(childPath + ": unknown field (the API server would drop it)");
      }
    }
  }
}
