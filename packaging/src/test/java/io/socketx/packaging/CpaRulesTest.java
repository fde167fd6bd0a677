package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules the Container Package App's {@code cpa verify} enforces that can be checked offline, on
 * the bundle scripts/aks/bundle.sh assembles: manifest fields and types as in
 * Azure-Samples/kubernetes-offer-samples, allowed ARM resources, DONOTMODIFY variables, images only
 * under {@code global.azure.images} and pinned by digest, no archives, chart version = manifest
 * version.
 */
class CpaRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MANIFEST_FIELDS =
      Set.of(
          "applicationName",
          "publisher",
          "description",
          "version",
          "helmChart",
          "clusterArmTemplate",
          "uiDefinition",
          "registryServer",
          "extensionRegistrationParameters");
  private static final Set<String> REGISTRATION_FIELDS =
      Set.of("defaultScope", "namespace", "supportedClusterTypes");
  private static final Set<String> ALLOWED_ARM_RESOURCES =
      Set.of(
          "Microsoft.ContainerService/managedClusters",
          "Microsoft.KubernetesConfiguration/extensions");
  private static final Set<String> DONOTMODIFY_VARIABLES =
      Set.of(
          "plan-name",
          "plan-publisher",
          "plan-offerID",
          "releaseTrain",
          "clusterExtensionTypeName");
  private static final Pattern SEMVER = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  private final Path bundle = HelmRunner.aksBundle();
  private final Map<String, Object> manifest = HelmRunner.readYaml(bundle.resolve("manifest.yaml"));

  @Test
  void manifestHasExactlyTheSamplesFieldsWithTheirTypes() {
    assertThat(manifest.keySet()).containsExactlyInAnyOrderElementsOf(MANIFEST_FIELDS);
    for (String field : MANIFEST_FIELDS) {
      if (!field.equals("extensionRegistrationParameters")) {
        assertThat(manifest.get(field)).as(field).isInstanceOf(String.class);
      }
    }
    assertThat((String) manifest.get("version")).matches(SEMVER);
    for (String file : List.of("helmChart", "clusterArmTemplate", "uiDefinition")) {
      assertThat(bundle.resolve((String) manifest.get(file))).as(file).exists();
    }

    Map<?, ?> registration = (Map<?, ?>) manifest.get("extensionRegistrationParameters");
    assertThat(REGISTRATION_FIELDS).containsAll(stringKeys(registration));
    assertThat(registration.get("defaultScope")).isIn("cluster", "namespace");
    if ("cluster".equals(registration.get("defaultScope"))) {
      assertThat(registration.get("namespace"))
          .as("namespace is required with defaultScope cluster")
          .isInstanceOf(String.class);
    }
    Object clusterTypes = registration.get("supportedClusterTypes");
    assertThat(clusterTypes).as("supportedClusterTypes is an object").isInstanceOf(Map.class);
    Map<?, ?> types = (Map<?, ?>) clusterTypes;
    assertThat(stringKeys(types)).isNotEmpty().isSubsetOf("managedClusters", "connectedClusters");
    for (Object entries : types.values()) {
      assertThat(entries).isInstanceOf(List.class);
      for (Object entry : (List<?>) entries) {
        Map<?, ?> e = (Map<?, ?>) entry;
        assertThat(stringKeys(e))
            .containsOnly("distribution", "distributionSupported", "unsupportedVersions");
        assertThat(e.get("distribution")).isInstanceOf(List.class);
        assertThat(e.get("distributionSupported")).isInstanceOf(Boolean.class);
        assertThat(e.get("unsupportedVersions"))
            .satisfiesAnyOf(
                v -> assertThat(v).isNull(), v -> assertThat(v).isInstanceOf(List.class));
      }
    }
  }

  @Test
  void armTemplateDeclaresOnlyAllowedResourcesAndDoNotModifyVariables() throws IOException {
    JsonNode arm =
        JSON.readTree(bundle.resolve((String) manifest.get("clusterArmTemplate")).toFile());
    for (JsonNode resource : arm.path("resources")) {
      assertThat(resource.path("type").asText()).isIn(ALLOWED_ARM_RESOURCES);
    }
    JsonNode variables = arm.path("variables");
    for (String name : DONOTMODIFY_VARIABLES) {
      assertThat(variables.path(name).asText()).as("variable %s", name).isEqualTo("DONOTMODIFY");
    }
    JsonNode extension = null;
    for (JsonNode resource : arm.path("resources")) {
      if (resource.path("type").asText().equals("Microsoft.KubernetesConfiguration/extensions")) {
        extension = resource;
      }
    }
    assertThat(extension).as("the extension resource").isNotNull();
    assertThat(extension.at("/properties/extensionType").asText())
        .isEqualTo("[variables('clusterExtensionTypeName')]");
    assertThat(extension.at("/properties/releaseTrain").asText())
        .isEqualTo("[variables('releaseTrain')]");
    assertThat(extension.at("/plan/name").asText()).isEqualTo("[variables('plan-name')]");
    assertThat(extension.at("/plan/publisher").asText()).isEqualTo("[variables('plan-publisher')]");
    assertThat(extension.at("/plan/product").asText()).isEqualTo("[variables('plan-offerID')]");
  }

  @Test
  void chartHasNoArchivesAndItsVersionIsTheManifestVersion() throws IOException {
    Path chart = bundle.resolve((String) manifest.get("helmChart"));
    try (Stream<Path> files = Files.walk(chart)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.matches(".*\\.(tgz|tar|tar\\.gz|zip|gz)$"));
    }
    assertThat(HelmRunner.readYaml(chart.resolve("Chart.yaml")).get("version"))
        .isEqualTo(manifest.get("version"));
  }

  @Test
  void everyImageComesFromGlobalAzureImagesPinnedByDigest() {
    Path chart = bundle.resolve((String) manifest.get("helmChart"));
    Map<?, ?> images =
        (Map<?, ?>)
            ((Map<?, ?>)
                    ((Map<?, ?>) HelmRunner.readYaml(chart.resolve("values.yaml")).get("global"))
                        .get("azure"))
                .get("images");
    StringBuilder allowed = new StringBuilder();
    for (Object entry : images.values()) {
      Map<?, ?> image = (Map<?, ?>) entry;
      assertThat(image.get("registry")).isInstanceOf(String.class);
      assertThat(image.get("image")).isInstanceOf(String.class);
      String digest = (String) image.get("digest");
      assertThat(digest).as("digest of %s", image.get("image")).matches(DIGEST);
      allowed.append(image.get("registry")).append('/').append(image.get("image"));
      allowed.append('@').append(digest).append('\n');
    }

    Rendered rendered = HelmRunner.template(chart, Map.of());
    for (JsonNode object : rendered.objects()) {
      for (JsonNode image : object.findValues("image")) {
        if (image.isTextual()) {
          assertThat(allowed.toString())
              .as(
                  "%s %s uses an image from global.azure.images",
                  object.path("kind").asText(), object.at("/metadata/name").asText())
              .contains(image.asText() + "\n");
        }
      }
    }
  }

  private static Set<String> stringKeys(Map<?, ?> map) {
    return map.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
  }
}
