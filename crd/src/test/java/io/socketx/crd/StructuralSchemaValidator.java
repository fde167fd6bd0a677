package io.socketx.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Validates an object against a CRD's openAPIV3Schema the way kube-apiserver does for the keywords
 * our CRDs use. Unknown fields are pruned by the API server, not rejected, so they are ignored
 * here. CEL rules ({@code x-kubernetes-validations}) are evaluated with cel-java ({@link CelRule}),
 * since no API server here (1.20) evaluates them.
 */
final class StructuralSchemaValidator {

  /** Every rule compiled once, by its text. */
  private final Map<String, Predicate<JsonNode>> celRules = new ConcurrentHashMap<>();

  StructuralSchemaValidator() {}

  /** Returns one message per violation, each starting with the JSON path of the field. */
  List<String> validate(JSONSchemaProps schema, JsonNode value) {
    List<String> errors = new ArrayList<>();
    check(schema, value, "", errors);
    return errors;
  }

  private void check(JSONSchemaProps schema, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isMissingNode()) {
      return;
    }
    if (value.isNull()) {
      if (!Boolean.TRUE.equals(schema.getNullable())) {
        errors.add(path + ": must not be null");
      }
      return;
    }
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      if (!value.isTextual() && !value.isIntegralNumber()) {
        errors.add(path + ": must be an integer or a string");
      }
      return;
    }
    String type = schema.getType();
    if (type != null && !hasType(value, type)) {
      errors.add(path + ": must be of type " + type);
      return;
    }
    if (schema.getEnum() != null
        && !schema.getEnum().isEmpty()
        && schema.getEnum().stream().noneMatch(e -> sameValue(e, value))) {
      errors.add(path + ": unsupported value " + value + ", allowed " + schema.getEnum());
    }
    if (value.isTextual()) {
      String s = value.asText();
      if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(s).find()) {
        errors.add(path + ": " + value + " does not match " + schema.getPattern());
      }
      if (schema.getMinLength() != null && s.length() < schema.getMinLength()) {
        errors.add(path + ": shorter than " + schema.getMinLength());
      }
      if (schema.getMaxLength() != null && s.length() > schema.getMaxLength()) {
        errors.add(path + ": longer than " + schema.getMaxLength());
      }
    }
    if (value.isNumber()) {
      double d = value.asDouble();
      if (schema.getMinimum() != null && d < schema.getMinimum()) {
        errors.add(path + ": must be at least " + schema.getMinimum());
      }
      if (schema.getMaximum() != null && d > schema.getMaximum()) {
        errors.add(path + ": must be at most " + schema.getMaximum());
      }
    }
    if (value.isArray()) {
      if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
        errors.add(path + ": needs at least " + schema.getMinItems() + " items");
      }
      if (schema.getMaxItems() != null && value.size() > schema.getMaxItems()) {
        errors.add(path + ": allows at most " + schema.getMaxItems() + " items");
      }
      if (schema.getItems() != null && schema.getItems().getSchema() != null) {
        for (int i = 0; i < value.size(); i++) {
          check(schema.getItems().getSchema(), value.get(i), path + "[" + i + "]", errors);
        }
      }
    }
    if (value.isObject()) {
      if (schema.getRequired() != null) {
        for (String field : schema.getRequired()) {
          if (!value.has(field)) {
            errors.add(path + "." + field + ": Required value");
          }
        }
      }
      if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          JSONSchemaProps child = schema.getProperties().get(field.getKey());
          if (child != null) {
            check(child, field.getValue(), path + "." + field.getKey(), errors);
          }
        }
      } else if (schema.getAdditionalProperties() != null
          && schema.getAdditionalProperties().getSchema() != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          check(
              schema.getAdditionalProperties().getSchema(),
              field.getValue(),
              path + "." + field.getKey(),
              errors);
        }
      }
    }
    if (schema.getXKubernetesValidations() != null) {
      for (ValidationRule rule : schema.getXKubernetesValidations()) {
        Predicate<JsonNode> predicate = celRules.computeIfAbsent(rule.getRule(), CelRule::new);
        if (!predicate.test(value)) {
          errors.add(path + ": " + rule.getMessage());
        }
      }
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

  private static boolean sameValue(JsonNode allowed, JsonNode value) {
    if (allowed.isNumber() && value.isNumber()) {
      return allowed.asDouble() == value.asDouble();
    }
    return allowed.equals(value);
  }
}
