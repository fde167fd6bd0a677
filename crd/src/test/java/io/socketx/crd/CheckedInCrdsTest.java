package io.socketx.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CRDs checked in under crd/crds/ (which the Helm chart copies) and their CEL-free twins under
 * crd/crds-no-cel/ (for server-side apply on Kubernetes 1.20–1.24) must equal what the model
 * generates, with the printer columns in the order the model declares them (Age last, as kubectl
 * prints built-in kinds). To refresh them after a model change run the build with
 * -Dsocketx.crds.update=true.
 */
class CheckedInCrdsTest {

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
    GeneratedCrds.PROXIES + ",crds",
    GeneratedCrds.ROUTES + ",crds",
    GeneratedCrds.GRANTS + ",crds",
    GeneratedCrds.PROXIES + ",crds-no-cel",
    GeneratedCrds.ROUTES + ",crds-no-cel",
    GeneratedCrds.GRANTS + ",crds-no-cel"
  })
  void checkedInCrdEqualsThePublishedFormOfTheGeneratedCrd(String crdName, String folder)
      throws IOException {
    String published = published(crdName, folder.equals("crds"));
    Path file = Path.of(folder).resolve(crdName + ".yaml");
    if (Boolean.getBoolean("socketx.crds.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, published, StandardCharsets.UTF_8);
    }
    assertThat(file).exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as(
            "%s differs from the generated CRD; rebuild crd with -Dsocketx.crds.update=true and"
                + " commit it",
            file)
        .isEqualTo(published);
  }

  @Test
  void printerColumnsAreInDeclaredOrderWithAgeLast() {
    for (String crd : List.of(GeneratedCrds.PROXIES, GeneratedCrds.ROUTES, GeneratedCrds.GRANTS)) {
      List<String> columns =
          Serialization.unmarshal(published(crd, true), CustomResourceDefinition.class)
              .getSpec()
              .getVersions()
              .get(0)
              .getAdditionalPrinterColumns()
              .stream()
              .map(CustomResourceColumnDefinition::getName)
              .toList();
      assertThat(columns).as(crd).containsExactlyElementsOf(declaredColumns(kind(crd)));
      assertThat(columns).as(crd).last().isEqualTo("Age");
    }
  }

  @Test
  void theNoCelVariantDiffersOnlyByTheCelRules() {
    for (String crd : List.of(GeneratedCrds.PROXIES, GeneratedCrds.ROUTES, GeneratedCrds.GRANTS)) {
      CustomResourceDefinition withCel =
          Serialization.unmarshal(published(crd, true), CustomResourceDefinition.class);
      withCel.getSpec().getVersions().forEach(v -> stripCel(v.getSchema().getOpenAPIV3Schema()));
      assertThat(published(crd, false)).isEqualTo(Serialization.asYaml(withCel));
      assertThat(published(crd, false)).doesNotContain("x-kubernetes-validations");
    }
  }

  /** The generated CRD with its printer columns in declared order, optionally without CEL. */
  static String published(String crdName, boolean withCel) {
    CustomResourceDefinition crd = GeneratedCrds.load(crdName);
    List<String> declared = declaredColumns(kind(crdName));
    for (var version : crd.getSpec().getVersions()) {
      version
          .getAdditionalPrinterColumns()
          .sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
      if (!withCel) {
        stripCel(version.getSchema().getOpenAPIV3Schema());
      }
    }
    return Serialization.asYaml(crd);
  }

  private static Class<?> kind(String crdName) {
    return switch (crdName) {
      case GeneratedCrds.PROXIES -> SocketXProxy.class;
      case GeneratedCrds.ROUTES -> SocketXRoute.class;
      case GeneratedCrds.GRANTS -> SocketXRouteGrant.class;
      default -> throw new IllegalArgumentException(crdName);
    };
  }

  private static List<String> declaredColumns(Class<?> kind) {
    return Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
  }

  private static void stripCel(JSONSchemaProps schema) {
    if (schema == null) {
      return;
    }
    schema.setXKubernetesValidations(null);
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(CheckedInCrdsTest::stripCel);
    }
    if (schema.getItems() != null) {
      stripCel(schema.getItems().getSchema());
    }
    if (schema.getAdditionalProperties() != null) {
      stripCel(schema.getAdditionalProperties().getSchema());
    }
  }
}
