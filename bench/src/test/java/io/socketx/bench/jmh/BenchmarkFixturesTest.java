package io.socketx.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.HostAndPort;
import io.socketx.contract.domainmap.Route;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.protocol.InMemoryHandshake;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ServerEvent;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmarks measure what they claim: their fixtures are checked here, without timing. */
class BenchmarkFixturesTest {

  @ParameterizedTest
  @EnumSource(Suite.class)
  void inMemoryHandshakeOpensBothSessionsOnTheRequestedSuite(Suite suite) throws Exception {
    InMemoryHandshake pair = InMemoryHandshake.open(suite, new SecureRandom());

    assertThat(pair.client().isOpen()).isTrue();
    assertThat(pair.server().isOpen()).isTrue();
    assertThat(pair.server().suite()).isEqualTo(suite);
    ByteBuffer record =
        pair.client()
            .encode(MessageType.BINARY, ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
    ServerEvent.Data data = (ServerEvent.Data) pair.server().receive(record);
    assertThat(StandardCharsets.UTF_8.decode(data.payload()).toString()).isEqualTo("ping");
  }

  @Test
  void domainMapHasTenThousandRoutesOfEveryKind() throws Exception {
    RouteTable table = DomainMapParser.parse(DomainMaps.json());

    assertThat(table.size()).isEqualTo(DomainMaps.ROUTES);
    assertThat(resolve(table, DomainMaps.exactHost(1234))).isEqualTo("tenant-1234.example.com");
    assertThat(resolve(table, DomainMaps.wildcardHost(500))).isEqualTo("*.zone-500.example.net");
    assertThat(resolve(table, "nobody.unknown.org")).isEqualTo("*");
  }

  private static String resolve(RouteTable table, String host) {
    return table.resolve(HostAndPort.parse(host)).map(Route::key).orElseThrow();
  }
}
