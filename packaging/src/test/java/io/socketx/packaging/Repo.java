package io.socketx.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths of the packaging files in the repository checkout the tests run against. */
final class Repo {

  static final Path ROOT = locateRoot();
  static final Path SOCKETX_CHART = ROOT.resolve("charts/socketx");
  static final Path OPERATOR_CHART = ROOT.resolve("charts/socketx-operator");
  static final Path AKS_EXTENSION = ROOT.resolve("aks-extension");
  static final Path AKS_CHART = AKS_EXTENSION.resolve("charts/socketx-aks");
  static final Path OPERATOR_CRDS = ROOT.resolve("crd/crds");
  static final Path EXAMPLES = ROOT.resolve("examples");

  private Repo() {}

  private static Path locateRoot() {
    String configured = System.getProperty("socketx.repo.root");
    Path start = configured != null ? Paths.get(configured) : Paths.get("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("charts")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root with charts/ above " + start);
  }
}
