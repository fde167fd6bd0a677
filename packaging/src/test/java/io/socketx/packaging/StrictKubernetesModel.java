package io.socketx.packaging;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Map;

/**
 * Reads rendered core objects into fabric8's typed Kubernetes model with the catch-all for unknown
 * fields removed and no string-to-number coercion, so a misspelt or misplaced field, or a value of
 * the wrong type, fails with the path Jackson names: an offline stand-in for the API server's
 * schema check of built-in kinds.
 */
final class StrictKubernetesModel {

  private static final Map<String, Class<?>> TYPES =
      Map.ofEntries(
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
          Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
          Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
          Map.entry(
              "apiextensions.k8s.io/v1/CustomResourceDefinition", CustomResourceDefinition.class));

  private static final ObjectMapper STRICT = strictMapper();

  private StrictKubernetesModel() {}

  static boolean knows(JsonNode object) {
    return TYPES.containsKey(key(object));
  }

  /** Reads the object strictly; throws AssertionError naming the object and the bad field. */
  static void check(JsonNode object) {
    Class<?> type = TYPES.get(key(object));
    if (type == null) {
      throw new AssertionError("no typed model for " + key(object));
    }
    try {
      STRICT.treeToValue(object, type);
    } catch (Exception e) {
      throw new AssertionError(
          key(object) + " " + object.at("/metadata/name").asText() + ": " + e.getMessage(), e);
    }
  }

  private static String key(JsonNode object) {
    return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
  }

  private static ObjectMapper strictMapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      mapper.coercionConfigFor(numeric).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    SimpleModule module = new SimpleModule("strict-kubernetes");
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public BeanDeserializerBuilder updateBuilder(
              DeserializationConfig config,
              BeanDescription description,
              BeanDeserializerBuilder builder) {
            // fabric8 collects unknown fields in additionalProperties; strictness needs them to
            // fail.
            builder.setAnySetter(null);
            return builder;
          }
        });
    mapper.registerModule(module);
    return mapper;
  }
}
