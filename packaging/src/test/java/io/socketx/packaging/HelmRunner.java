package io.socketx.packaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the Helm library embedded by helm-java (lint, template) offline. Values are passed as a YAML
 * file, never with --set, so that JSON strings arrive verbatim.
 */
final class HelmRunner {

  static final String RELEASE = "rel";
  static final String NAMESPACE = "socketx-test";

  private static final YAMLMapper YAML = new YAMLMapper();
  private static Path aksWorkCopy;

  private HelmRunner() {}

  static LintResult lintStrict(Path chart) {
    return new Helm(chart).lint().strict().call();
  }

  static Rendered template(Path chart, Map<String, ?> values) {
    return parse(templateCommand(chart, values).call());
  }

  /** Renders the defaults as for a cluster of the given Kubernetes version. */
  static String templateForKubeVersion(Path chart, String kubeVersion) {
    return new Helm(chart)
        .template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(kubeVersion)
        .call();
  }

  /** Renders with the given values and returns Helm's error message; fails if it rendered. */
  static String templateFailure(Path chart, Map<String, ?> values) {
    String out;
    try {
      out = templateCommand(chart, values).call();
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected helm template to fail, but it rendered:\n" + out);
  }

  private static TemplateCommand templateCommand(Path chart, Map<String, ?> values) {
    TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (!values.isEmpty()) {
      command = command.withValuesFile(writeValues(values));
    }
    return command;
  }

  /**
   * The AKS extension chart as published: the bundle that scripts/aks/bundle.sh assembles under
   * target/ (the operator chart vendored as a directory), so the source tree stays untouched.
   */
  static synchronized Path aksChart() {
    if (aksWorkCopy == null) {
      aksWorkCopy = aksBundle().resolve("charts/socketx-aks");
    }
    return aksWorkCopy;
  }

  /** Runs scripts/aks/bundle.sh into a fresh directory under target/ and returns it. */
  static Path aksBundle() {
    try {
      Path out = Files.createTempDirectory(targetDir(), "aks-bundle-");
      Process bundle =
          new ProcessBuilder(
                  "bash", Repo.ROOT.resolve("scripts/aks/bundle.sh").toString(), out.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(bundle.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (bundle.waitFor() != 0) {
        throw new AssertionError("scripts/aks/bundle.sh failed:\n" + output);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while bundling", e);
    }
  }

  static Rendered parse(String manifests) {
    List<ObjectNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifests)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc instanceof ObjectNode object && !object.isEmpty()) {
          objects.add(object);
        }
      }
    } catch (IOException e) {
      throw new AssertionError("helm template produced invalid YAML:\n" + manifests, e);
    }
    return new Rendered(List.copyOf(objects));
  }

  /** A dotted key ("service.port") in a values map, as Helm's --set reads it; null if absent. */
  static Object valueAt(Map<String, Object> values, String dottedKey) {
    Object current = values;
    for (String part : dottedKey.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  static Map<String, Object> readYaml(Path file) {
    try {
      return YAML.readValue(file.toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path writeValues(Map<String, ?> values) {
    try {
      Path file = Files.createTempFile(targetDir(), "values-", ".yaml");
      YAML.writeValue(file.toFile(), values);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path targetDir() throws IOException {
    return Files.createDirectories(Repo.ROOT.resolve("packaging/target/helm-work"));
  }
}
