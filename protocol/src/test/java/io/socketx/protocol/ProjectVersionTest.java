package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectVersionTest {
  @Test
  void isTheMavenVersionFilteredIntoTheResource() {
    assertThat(ProjectVersion.current()).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
  }
}
