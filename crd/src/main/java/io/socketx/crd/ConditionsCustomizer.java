package io.socketx.crd;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/**
 * Build-time schema customizer for a status {@code conditions} list (input: the property name):
 * describes each condition field for {@code kubectl explain} and makes the list a map keyed by
 * type, as Kubernetes API conventions ask.
 */
public final class ConditionsCustomizer implements SchemaCustomizer.Customizer {
  private static final Map<String, String> DESCRIPTIONS =
      Map.of(
          "type", "Condition type, e.g. Ready.",
          "status", "True, False or Unknown.",
          "reason", "One-word CamelCase reason for the condition's last transition.",
          "message", "Human-readable details of the last transition.",
          "lastTransitionTime", "When the status last changed from one value to another.",
          "observedGeneration", "The metadata.generation the condition was set for.");

  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps props, String input, KubernetesSerialization serialization) {
    JSONSchemaProps list = props.getProperties().get(input);
    if (list == null || list.getItems() == null || list.getItems().getSchema() == null) {
      throw new IllegalArgumentException("no list property " + input + " to describe");
    }
    JSONSchemaProps item = list.getItems().getSchema();
    DESCRIPTIONS.forEach(
        (field, description) -> {
          JSONSchemaProps property = item.getProperties().get(field);
          if (property == null) {
            throw new IllegalArgumentException("condition has no field " + field);
          }
          property.setDescription(description);
        });
    item.setRequired(List.of("status", "type"));
    list.setXKubernetesListType("map");
    list.setXKubernetesListMapKeys(List.of("type"));
    return props;
  }
}
