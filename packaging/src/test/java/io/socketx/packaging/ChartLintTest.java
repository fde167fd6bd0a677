package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** `helm lint --strict` passes for every chart we ship, and each states the Kubernetes it needs. */
class ChartLintTest {

  static Stream<Arguments> charts() {
    return Stream.of(
        Arguments.of("socketx", (Supplier<Path>) () -> Repo.SOCKETX_CHART),
        Arguments.of("socketx-operator", (Supplier<Path>) () -> Repo.OPERATOR_CHART),
        Arguments.of("socketx-aks", (Supplier<Path>) HelmRunner::aksChart));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void lintStrictPasses(String name, Supplier<Path> chart) {
    LintResult result = HelmRunner.lintStrict(chart.get());

    assertThat(result.isFailed())
        .as("helm lint --strict %s: %s", name, result.getMessages())
        .isFalse();
    assertThat(result.getMessages())
        .as("no warnings or errors")
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void rendersFromKubernetes120AndRefusesOlder(String name, Supplier<Path> chart) {
    assertThat(HelmRunner.templateForKubeVersion(chart.get(), "v1.20.2"))
        .contains("kind: Deployment");
    assertThatThrownBy(() -> HelmRunner.templateForKubeVersion(chart.get(), "v1.19.16"))
        .hasMessageContaining("kubeVersion");
  }
}
