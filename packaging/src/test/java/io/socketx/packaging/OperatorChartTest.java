package io.socketx.packaging;

import static io.socketx.packaging.HelmRunner.template;
import static io.socketx.packaging.Rendered.container;
import static io.socketx.packaging.Rendered.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The operator chart: CRDs in step with the operator's, least-privilege RBAC, the Deployment. */
class OperatorChartTest {

  private static final Path CHART_CRDS = Repo.OPERATOR_CHART.resolve("crds");

  private static Rendered render(Map<String, ?> values) {
    return template(Repo.OPERATOR_CHART, values);
  }

  @Test
  void chartCrdsAreByteIdenticalToTheOperatorsCheckedInCrds() throws IOException {
    Set<String> operatorFiles = fileNames(Repo.OPERATOR_CRDS);
    assertThat(operatorFiles).as("crd/crds/ holds the generated CRDs").isNotEmpty();
    assertThat(fileNames(CHART_CRDS)).isEqualTo(operatorFiles);
    for (String file : operatorFiles) {
      assertThat(Files.readString(CHART_CRDS.resolve(file)))
          .as("charts/socketx-operator/crds/%s differs from crd/crds/%s: copy it over", file, file)
          .isEqualTo(Files.readString(Repo.OPERATOR_CRDS.resolve(file)));
    }
  }

  @Test
  void chartCrdsAreValidCustomResourceDefinitionsForEveryKind() throws IOException {
    Set<String> kinds = new TreeSet<>();
    for (String file : fileNames(CHART_CRDS)) {
      Rendered crds = HelmRunner.parse(Files.readString(CHART_CRDS.resolve(file)));
      for (ObjectNode crd : crds.ofKind("CustomResourceDefinition")) {
        StrictKubernetesModel.check(crd);
        assertThat(crd.at("/spec/group").asText()).isEqualTo("socketx.io");
        kinds.add(crd.at("/spec/names/kind").asText());
      }
    }
    assertThat(kinds).containsExactly("SocketXProxy", "SocketXRoute", "SocketXRouteGrant");
  }

  @Test
  void defaultsRenderAHardenedOperatorWithClusterWideLeastPrivilege() {
    Rendered rendered = render(Map.of());

    WorkloadConventions.assertAll(rendered);
    assertThat(rendered.kinds())
        .contains("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Service", "Deployment")
        .doesNotContain("PodDisruptionBudget", "ServiceMonitor");
    JsonNode operator = container(rendered.single("Deployment"));
    assertThat(env(operator, "SOCKETX_PROXY_IMAGE"))
        .isEqualTo("ghcr.io/socketx/socketx-proxy:0.1.0");
    assertThat(env(operator, "SOCKETX_WATCH_NAMESPACES")).isEmpty();
    assertThat(env(operator, "SOCKETX_HTTP_PORT"))
        .isEqualTo(operator.at("/ports/0/containerPort").asText());
    assertThat(env(operator, "SOCKETX_LEADER_ELECTION")).isEqualTo("true");
    assertThat(operator.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(operator.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");

    JsonNode binding = rendered.single("ClusterRoleBinding");
    assertThat(binding.at("/roleRef/name").asText())
        .isEqualTo(rendered.single("ClusterRole").at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/name").asText())
        .isEqualTo(rendered.single("ServiceAccount").at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(HelmRunner.NAMESPACE);
    assertLeastPrivilege(rendered.single("ClusterRole").path("rules"));
  }

  @Test
  void rbacCoversEveryObjectTheOperatorOwns() {
    JsonNode rules = render(Map.of()).single("ClusterRole").path("rules");
    // What a SocketXProxy turns into (DESIGN.md "The operator"), plus its own resources.
    List<String[]> needed =
        List.of(
            new String[] {"socketx.io", "socketxproxies", "watch"},
            new String[] {"socketx.io", "socketxroutes", "watch"},
            new String[] {"socketx.io", "socketxroutegrants", "watch"},
            new String[] {"socketx.io", "socketxproxies/status", "patch"},
            new String[] {"socketx.io", "socketxroutes/status", "patch"},
            new String[] {"", "configmaps", "create"},
            new String[] {"", "services", "create"},
            new String[] {"", "serviceaccounts", "create"},
            new String[] {"apps", "deployments", "create"},
            new String[] {"rbac.authorization.k8s.io", "roles", "create"},
            new String[] {"rbac.authorization.k8s.io", "rolebindings", "create"},
            new String[] {"policy", "poddisruptionbudgets", "create"},
            new String[] {"", "events", "create"},
            // what the operator writes into the proxies' Roles (RBAC grants only what one holds)
            new String[] {"coordination.k8s.io", "leases", "create"},
            new String[] {"coordination.k8s.io", "leases", "update"},
            new String[] {"coordination.k8s.io", "leases", "patch"},
            new String[] {"coordination.k8s.io", "leases", "delete"},
            new String[] {"", "configmaps", "update"});
    for (String[] need : needed) {
      assertThat(grants(rules, need[0], need[1], need[2]))
          .as("operator may %s %s.%s", need[2], need[1], need[0])
          .isTrue();
    }
  }

  @Test
  void watchedNamespacesGetRolesAndNothingClusterWide() {
    Rendered rendered = render(Map.of("watchNamespaces", List.of("team-a", "team-b")));

    assertThat(rendered.ofKind("ClusterRole")).isEmpty();
    assertThat(rendered.ofKind("ClusterRoleBinding")).isEmpty();
    List<String> roleNamespaces =
        rendered.ofKind("RoleBinding").stream()
            .map(r -> r.at("/metadata/namespace").asText())
            .toList();
    assertThat(roleNamespaces).contains("team-a", "team-b");
    for (ObjectNode role : rendered.ofKind("Role")) {
      assertLeastPrivilege(role.path("rules"));
    }
    // the recommended multi-tenant install (docs/security.md): in each watched namespace the
    // operator reads grants and holds what it writes into the proxies' Roles, and nothing else
    for (String ns : List.of("team-a", "team-b")) {
      JsonNode rules =
          rendered.ofKind("Role").stream()
              .filter(r -> r.at("/metadata/namespace").asText().equals(ns))
              .findFirst()
              .orElseThrow()
              .path("rules");
      for (String[] need :
          List.of(
              new String[] {"socketx.io", "socketxroutegrants", "watch"},
              new String[] {"coordination.k8s.io", "leases", "create"},
              new String[] {"coordination.k8s.io", "leases", "update"},
              new String[] {"coordination.k8s.io", "leases", "delete"},
              new String[] {"rbac.authorization.k8s.io", "roles", "create"})) {
        assertThat(grants(rules, need[0], need[1], need[2]))
            .as("operator may %s %s.%s in %s", need[2], need[1], need[0], ns)
            .isTrue();
      }
      assertThat(grants(rules, "socketx.io", "socketxroutegrants", "create")).isFalse();
    }
    assertThat(env(container(rendered.single("Deployment")), "SOCKETX_WATCH_NAMESPACES"))
        .isEqualTo("team-a,team-b");
    WorkloadConventions.assertAll(rendered);
  }

  @Test
  void leaderElectionIsForcedOnWithSeveralReplicasAndScopedToItsLease() {
    Rendered single = render(Map.of("leaderElection", Map.of("enabled", false)));
    assertThat(env(container(single.single("Deployment")), "SOCKETX_LEADER_ELECTION"))
        .isEqualTo("false");
    assertThat(single.ofKind("Role")).isEmpty();

    Rendered ha = render(Map.of("replicaCount", 2, "leaderElection", Map.of("enabled", false)));
    assertThat(env(container(ha.single("Deployment")), "SOCKETX_LEADER_ELECTION"))
        .isEqualTo("true");
    assertThat(ha.single("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(1);
    JsonNode leaseRules = ha.single("Role").path("rules");
    for (JsonNode rule : leaseRules) {
      assertThat(rule.path("apiGroups").toString()).isEqualTo("[\"coordination.k8s.io\"]");
      if (!rule.path("verbs").toString().equals("[\"create\"]")) {
        assertThat(rule.path("resourceNames").toString()).isEqualTo("[\"socketx-operator\"]");
      }
    }
    WorkloadConventions.assertAll(ha);
  }

  @Test
  void serviceMonitorScrapesTheMetricsServiceWhenEnabled() {
    Rendered rendered = render(Map.of("serviceMonitor", Map.of("enabled", true)));

    JsonNode monitor = rendered.single("ServiceMonitor");
    JsonNode service = rendered.single("Service");
    assertThat(monitor.at("/spec/endpoints/0/port").asText())
        .isEqualTo(service.at("/spec/ports/0/name").asText());
    monitor
        .at("/spec/selector/matchLabels")
        .properties()
        .forEach(
            l ->
                assertThat(service.at("/metadata/labels").path(l.getKey()))
                    .isEqualTo(l.getValue()));
  }

  @Test
  void azureInjectedValuesReachTheOperatorAndItsImages() {
    String digest = "sha256:" + "cd".repeat(32);
    Map<String, Object> azure =
        Map.of(
            "identity", Map.of("clientId", "11111111-2222-3333-4444-555555555555"),
            "marketplace", Map.of("planId", "payg"),
            "extension",
                Map.of(
                    "resourceId",
                    "/subscriptions/s/resourceGroups/g/providers/x/extensions/socketx"),
            "images",
                Map.of(
                    "socketxOperator",
                        Map.of(
                            "registry",
                            "acr.example.io",
                            "image",
                            "socketx-operator",
                            "digest",
                            digest),
                    "socketxProxy",
                        Map.of(
                            "registry",
                            "acr.example.io",
                            "image",
                            "socketx-proxy",
                            "digest",
                            digest)));

    Rendered rendered = render(Map.of("global", Map.of("azure", azure)));

    JsonNode deployment = rendered.single("Deployment");
    JsonNode operator = container(deployment);
    assertThat(operator.path("image").asText())
        .isEqualTo("acr.example.io/socketx-operator@" + digest);
    assertThat(env(operator, "SOCKETX_PROXY_IMAGE"))
        .isEqualTo("acr.example.io/socketx-proxy@" + digest);
    assertThat(env(operator, "AZURE_CLIENT_ID")).isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(env(operator, "BILLING_PLAN_ID")).isEqualTo("payg");
    assertThat(env(operator, "AZURE_RESOURCE_ID")).endsWith("/extensions/socketx");
    assertThat(
            deployment
                .at("/spec/template/metadata/labels/azure-extensions-usage-release-identifier")
                .asText())
        .isEqualTo(HelmRunner.RELEASE);
    WorkloadConventions.assertAll(rendered);
  }

  /**
   * No wildcards, no exec, no escalate/bind/impersonate anywhere; Secrets only one by one
   * (get/create/update of the identity keys it generates, never list/watch/delete).
   */
  static void assertLeastPrivilege(JsonNode rules) {
    assertThat(rules.size()).isPositive();
    for (JsonNode rule : rules) {
      assertThat(rule.path("verbs").toString())
          .doesNotContain("\"*\"", "escalate", "bind", "impersonate");
      assertThat(rule.path("resources").toString())
          .doesNotContain("\"*\"", "pods/exec", "clusterroles", "customresourcedefinitions");
      if (rule.path("resources").toString().contains("\"secrets\"")) {
        assertThat(rule.path("resources").size()).as("secrets in a rule of their own").isOne();
        assertThat(rule.path("verbs").toString()).isEqualTo("[\"get\",\"create\",\"update\"]");
      }
      assertThat(rule.path("apiGroups").toString()).doesNotContain("\"*\"");
      if (rule.path("resources").toString().contains("socketxproxies\"")) {
        assertThat(rule.path("verbs").toString()).doesNotContain("create", "delete");
      }
    }
  }

  private static boolean grants(JsonNode rules, String group, String resource, String verb) {
    for (JsonNode rule : rules) {
      if (contains(rule.path("apiGroups"), group)
          && contains(rule.path("resources"), resource)
          && contains(rule.path("verbs"), verb)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (item.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
          .collect(TreeSet::new, Set::add, Set::addAll);
    }
  }
}
