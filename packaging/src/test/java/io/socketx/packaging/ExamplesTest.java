package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples parse, are valid against the schemas, and their GitOps wiring points at real paths.
 */
class ExamplesTest {

  private static final Path ARGO = Repo.EXAMPLES.resolve("gitops/argocd");
  private static final Path FLUX = Repo.EXAMPLES.resolve("gitops/flux");

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Repo.EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static Rendered read(Path file) {
    try {
      return HelmRunner.parse(Files.readString(file));
    } catch (IOException e) {
      throw new AssertionError(file.toString(), e);
    }
  }

  @Test
  void everyCustomResourceIsValidAgainstTheCrdsAndEveryCoreObjectAgainstTheModel()
      throws IOException {
    int customResources = 0;
    for (Path file : yamlFiles()) {
      for (ObjectNode object : read(file).objects()) {
        if (object.path("apiVersion").asText().startsWith("socketx.io/")) {
          CustomResourceSchemas.check(object);
          customResources++;
        } else if (StrictKubernetesModel.knows(object) && !file.startsWith(ARGO)) {
          StrictKubernetesModel.check(object);
        }
      }
    }
    assertThat(customResources).isGreaterThanOrEqualTo(8);
  }

  @Test
  void everyKustomizationListsFilesThatExist() throws IOException {
    for (Path file : yamlFiles()) {
      if (file.getFileName().toString().equals("kustomization.yaml")) {
        for (JsonNode resource : read(file).single("Kustomization").path("resources")) {
          assertThat(file.resolveSibling(resource.asText()))
              .as("%s lists %s", file, resource)
              .exists();
        }
      }
    }
  }

  @Test
  void quickstartHasOneProxyAndTwoRoutesThatReferenceIt() {
    Rendered proxy = read(Repo.EXAMPLES.resolve("quickstart/proxy.yaml"));
    Rendered routes = read(Repo.EXAMPLES.resolve("quickstart/routes.yaml"));
    String name = proxy.single("SocketXProxy").at("/metadata/name").asText();

    assertThat(routes.ofKind("SocketXRoute")).hasSize(2);
    for (ObjectNode route : routes.ofKind("SocketXRoute")) {
      assertThat(route.at("/spec/proxyRef/name").asText()).isEqualTo(name);
    }
  }

  @Test
  void multiTenantExampleContainsAConflictAndARefusedNamespace() throws IOException {
    List<ObjectNode> routes = new ArrayList<>();
    ObjectNode proxy = null;
    try (Stream<Path> files = Files.list(Repo.EXAMPLES.resolve("multi-tenant"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        routes.addAll(read(file).ofKind("SocketXRoute"));
        if (!read(file).ofKind("SocketXProxy").isEmpty()) {
          proxy = read(file).single("SocketXProxy");
        }
      }
    }
    assertThat(proxy).isNotNull();
    Map<String, List<String>> namespacesByHost = new HashMap<>();
    for (ObjectNode route : routes) {
      assertThat(route.at("/spec/proxyRef/namespace").asText())
          .isEqualTo(proxy.at("/metadata/namespace").asText());
      for (JsonNode host : route.at("/spec/hosts")) {
        namespacesByHost
            .computeIfAbsent(host.asText(), h -> new ArrayList<>())
            .add(route.at("/metadata/namespace").asText());
      }
    }
    assertThat(namespacesByHost.get("api.example.com"))
        .containsExactlyInAnyOrder("team-a", "team-b");
    List<String> allowed = new ArrayList<>();
    proxy.at("/spec/allowedRoutes/namespaces").forEach(n -> allowed.add(n.asText()));
    assertThat(routes.stream().map(r -> r.at("/metadata/namespace").asText()).distinct())
        .containsExactlyInAnyOrder("team-a", "team-b", "team-c");
    assertThat(allowed).containsExactlyInAnyOrder("team-a", "team-b");
  }

  @Test
  void fluxSourcesAndPathsExistAndRoutesWaitForTheOperator() {
    String source =
        read(FLUX.resolve("source.yaml")).single("GitRepository").at("/metadata/name").asText();
    List<ObjectNode> kustomizations = read(FLUX.resolve("sync.yaml")).ofKind("Kustomization");
    assertThat(kustomizations).hasSize(2);
    for (ObjectNode k : kustomizations) {
      assertThat(k.at("/spec/sourceRef/name").asText()).isEqualTo(source);
      assertThat(Repo.ROOT.resolve(k.at("/spec/path").asText()).resolve("kustomization.yaml"))
          .isRegularFile();
    }
    ObjectNode routes = kustomizations.get(1);
    assertThat(routes.at("/spec/dependsOn/0/name").asText())
        .isEqualTo(kustomizations.get(0).at("/metadata/name").asText());
    assertThat(routes.at("/spec/healthCheckExprs").findValuesAsText("kind"))
        .containsExactlyInAnyOrder("SocketXProxy", "SocketXRoute");

    ObjectNode release = read(FLUX.resolve("operator/helmrelease.yaml")).single("HelmRelease");
    assertThat(
            Repo.ROOT.resolve(release.at("/spec/chart/spec/chart").asText()).resolve("Chart.yaml"))
        .isRegularFile();
    assertThat(release.at("/spec/chart/spec/sourceRef/name").asText()).isEqualTo(source);
    assertThat(release.at("/spec/install/crds").asText()).isEqualTo("CreateReplace");
    assertThat(release.at("/spec/upgrade/crds").asText()).isEqualTo("CreateReplace");
  }

  @Test
  void argoApplicationsPointAtPathsThatExist() {
    for (String file : List.of("operator-application.yaml", "routes-application.yaml")) {
      ObjectNode app = read(ARGO.resolve(file)).single("Application");
      assertThat(Repo.ROOT.resolve(app.at("/spec/source/path").asText())).isDirectory();
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          SocketXRoute | no status                                |                              | Progressing
          SocketXRoute | accepted                                 | Accepted=True:Accepted       | Healthy
          SocketXRoute | host conflict                            | Accepted=False:HostConflict  | Degraded
          SocketXRoute | proxy missing                            | Accepted=False:ProxyNotFound | Degraded
          SocketXRoute | upstream unresolved                      | Accepted=True:Accepted,ResolvedRefs=False:InvalidUpstream | Degraded
          SocketXRoute | generation not observed yet              | Accepted=True:Accepted@1     | Progressing
          SocketXProxy | no status                                |                              | Progressing
          SocketXProxy | ready                                    | Ready=True:DeploymentReady,RoutesResolved=True:ConfigWritten | Healthy
          SocketXProxy | pods rolling                             | Ready=False:DeploymentNotReady,RoutesResolved=True:ConfigWritten | Progressing
          SocketXProxy | map too large                            | Ready=True:DeploymentReady,RoutesResolved=False:ConfigTooLarge | Degraded
          SocketXProxy | invalid spec                             | Ready=False:InvalidSpec      | Degraded
          """)
  void argoHealthChecksFollowTheConditions(
      String kind, String why, String conditions, String expected) throws IOException {
    ObjectNode cm = read(ARGO.resolve("argocd-cm-health.yaml")).single("ConfigMap");
    String script =
        cm.at("/data").path("resource.customizations.health.socketx.io_" + kind).asText();
    assertThat(script).isNotBlank();

    ArgoHealthCheck.Health health =
        new ArgoHealthCheck(script).evaluate(resource(kind, conditions));

    assertThat(health.status()).as(why).isEqualTo(expected);
    if (expected.equals("Degraded")) {
      assertThat(health.message())
          .as("names the reason")
          .contains(conditions.replaceAll(".*=False:([A-Za-z]+).*", "$1"));
    }
  }

  /**
   * A resource at generation 2 with conditions "Type=Status:Reason,..."; "@1" marks generation 1
   * observed.
   */
  private static JsonNode resource(String kind, String conditions) {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: socketx.io/v1alpha1\nkind: "
                + kind
                + "\nmetadata: {name: x, generation: 2}\n");
    if (conditions != null) {
      String observed = conditions.endsWith("@1") ? "1" : "2";
      yaml.append("status:\n  observedGeneration: ").append(observed).append("\n  conditions:\n");
      for (String condition : conditions.replace("@1", "").split(",")) {
        String[] typeRest = condition.split("=");
        String[] statusReason = typeRest[1].split(":");
        yaml.append("    - {type: ")
            .append(typeRest[0])
            .append(", status: \"")
            .append(statusReason[0])
            .append("\", reason: ")
            .append(statusReason[1])
            .append(", message: \"because ")
            .append(statusReason[1])
            .append("\"}\n");
      }
    }
    return HelmRunner.parse(yaml.toString()).objects().get(0);
  }
}
