package io.socketx.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamTlsTest {
  @TempDir Path tmp;

  @Test
  void refusesCaFileWithoutCertificate() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "not a certificate\n");
    assertThatThrownBy(() -> UpstreamTls.create(Optional.of(empty), true))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(empty.toString());
  }

  @Test
  void buildsWithJdkTrustAlone() throws Exception {
    assertThat(UpstreamTls.create(Optional.empty(), true)).isNotNull();
  }
}
