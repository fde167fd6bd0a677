package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image build definitions agree with the modules (jar name, main module) and the charts (user,
 * port). Nothing is built here: there is no container engine on the build machines.
 */
class ImagesTest {

  private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");

  @ParameterizedTest
  @CsvSource({"proxy, 8080", "operator, 8081"})
  void dockerfileBuildsTheModulesJarAndRunsItAsTheChartsUser(String module, int port)
      throws IOException {
    String dockerfile = Files.readString(Repo.ROOT.resolve("images/" + module + "/Dockerfile"));
    String pom = Files.readString(Repo.ROOT.resolve(module + "/pom.xml"));
    String jar = "socketx-" + module + ".jar";

    assertThat(pom)
        .as("%s/pom.xml shades %s", module, jar)
        .contains("<finalName>socketx-" + module + "</finalName>");
    assertThat(dockerfile)
        .contains("-pl " + module + " -am package")
        .contains(module + "/target/" + jar)
        .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/" + jar + "\"]")
        .contains("USER 10001:10001")
        .contains("EXPOSE " + port);
    Matcher from = FROM.matcher(dockerfile);
    while (from.find()) {
      assertThat(from.group(1))
          .as("base image pinned to a tag")
          .matches("[a-z0-9./-]+:[A-Za-z0-9._-]+");
    }
    assertThat(Repo.ROOT.resolve("images/" + module + "/Dockerfile.dockerignore")).isRegularFile();
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
