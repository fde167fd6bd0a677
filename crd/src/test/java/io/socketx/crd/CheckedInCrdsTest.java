package io.socketx.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs checked in under crd/crds/ (which the Helm chart copies) must equal the generated ones.
 * To refresh them after a model change run the build with -Dsocketx.crds.update=true.
 */
class CheckedInCrdsTest {

  static final Path CHECKED_IN = Path.of("crds");

  @ParameterizedTest
  @ValueSource(strings = {GeneratedCrds.PROXIES, GeneratedCrds.ROUTES, GeneratedCrds.GRANTS})
  void checkedInCrdEqualsGeneratedCrd(String crdName) throws IOException {
    String generated = GeneratedCrds.text(crdName);
    Path file = CHECKED_IN.resolve(crdName + ".yaml");
    if (Boolean.getBoolean("socketx.crds.update")) {
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    assertThat(file).exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as(
            "%s differs from the generated CRD; rebuild crd with -Dsocketx.crds.update=true and"
                + " commit it",
            file)
        .isEqualTo(generated);
  }
}
