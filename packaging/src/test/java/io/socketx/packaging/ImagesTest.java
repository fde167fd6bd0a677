package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image build (scripts/images/build.sh, Jib on a local Debian JRE base) agrees with the modules
 * (main class) and the charts (user, port), and the digests it recorded agree between the AKS chart
 * and docs/install.md. The images themselves are built and run by scripts/images/smoke.sh in CI.
 */
class ImagesTest {

  private static final String BUILD_SCRIPT = "scripts/images/build.sh";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "proxy | io.socketx.proxy.Main | 8080,9090",
        "operator | io.socketx.operator.SocketXOperator | 8081"
      })
  void buildRunsTheModulesMainClassAsTheChartsUserOnItsPorts(
      String module, String mainClass, String ports) throws IOException {
    String script = Files.readString(Repo.ROOT.resolve(BUILD_SCRIPT));

    assertThat(script).contains("build " + module + " " + mainClass + " " + ports + "\n");
    assertThat(script)
        .contains("-Djib.container.user=10001:10001")
        .contains("-Djib.from.image=\"tar://$BASE\"")
        .contains("-Djava.io.tmpdir=/tmp");
    assertThat(
            Repo.ROOT.resolve(module + "/src/main/java/" + mainClass.replace('.', '/') + ".java"))
        .isRegularFile();
  }

  @ParameterizedTest
  @CsvSource({"socketxProxy, socketx-proxy", "socketxOperator, socketx-operator"})
  void recordedDigestIsInTheAksChartAndInTheInstallGuide(String key, String image)
      throws IOException {
    Map<String, Object> values = HelmRunner.readYaml(Repo.AKS_CHART.resolve("values.yaml"));
    Object digest = HelmRunner.valueAt(values, "global.azure.images." + key + ".digest");

    assertThat((String) digest).matches("sha256:[0-9a-f]{64}");
    assertThat(Files.readString(Repo.ROOT.resolve("docs/install.md")))
        .contains(image + "@" + digest);
  }

  @ParameterizedTest
  @CsvSource({"socketx, 8080", "socketx-operator, 8081"})
  void chartsRunTheImagesUserOnTheImagesPort(String chart, int port) {
    Map<String, Object> values =
        HelmRunner.readYaml(Repo.ROOT.resolve("charts/" + chart + "/values.yaml"));
    @SuppressWarnings("unchecked")
    Map<String, Object> pod = (Map<String, Object>) values.get("podSecurityContext");
    assertThat(pod.get("runAsUser")).isEqualTo(10001);
    assertThat(pod.get("runAsGroup")).isEqualTo(10001);
    Object configuredPort =
        chart.equals("socketx")
            ? ((Map<?, ?>) values.get("service")).get("port")
            : values.get("managementPort");
    assertThat(configuredPort).isEqualTo(port);
    assertThat(List.of("socketx-proxy", "socketx-operator"))
        .anyMatch(image -> values.toString().contains("ghcr.io/socketx/" + image));
  }
}
