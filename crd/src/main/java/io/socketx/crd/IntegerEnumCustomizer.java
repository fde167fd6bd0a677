package io.socketx.crd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Arrays;

/**
 * Build-time schema customizer that restricts an integer property to a set of values, which the
 * fabric8 annotations cannot express; input is {@code property=v1,v2,...}.
 */
public final class IntegerEnumCustomizer implements SchemaCustomizer.Customizer {

  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps props, String input, KubernetesSerialization serialization) {
    String[] parts = input.split("=", 2);
    JSONSchemaProps property = props.getProperties().get(parts[0]);
    if (property == null) {
      throw new IllegalArgumentException("no property " + parts[0] + " to restrict");
    }
    property.setEnum(
        Arrays.stream(parts[1].split(","))
            .map(
                v ->
                    (com.fasterxml.jackson.databind.JsonNode)
                        JsonNodeFactory.instance.numberNode(Integer.parseInt(v.trim())))
            .toList());
    return props;
  }
}
