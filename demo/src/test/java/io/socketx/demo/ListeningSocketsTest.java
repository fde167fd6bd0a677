package io.socketx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListeningSocketsTest {

  @ParameterizedTest(name = "{0} -> {1}:{2}")
  @CsvSource({
    "0100007F:1F90, 127.0.0.1, 8080",
    "00000000:0050, 0.0.0.0, 80",
    "00000000000000000000000001000000:1F91, ::1, 8081",
    "0000000000000000FFFF00000100007F:1F92, 127.0.0.1, 8082",
    "00000000000000000000000000000000:0016, ::, 22",
  })
  void procNetAddressesDecode(String hex, String address, int port) throws Exception {
    assertThat(ListeningSockets.address(hex))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName(address), port));
  }

  @Test
  void findsTheSocketThisProcessListensOn() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(ListeningSockets.of(ProcessHandle.current()))
          .anySatisfy(
              a -> {
                assertThat(a.getPort()).isEqualTo(s.getLocalPort());
                assertThat(a.getAddress().isLoopbackAddress()).isTrue();
              });
    }
  }
}
