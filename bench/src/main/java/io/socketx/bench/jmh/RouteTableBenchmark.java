package io.socketx.bench.jmh;

import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.HostAndPort;
import io.socketx.contract.domainmap.InvalidRoutesException;
import io.socketx.contract.domainmap.Route;
import io.socketx.contract.domainmap.RouteTable;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route resolution in a 10,000-route table, per kind of match, including parsing the {@code Host}
 * header as the proxy does for every upgrade request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RouteTableBenchmark {
  private static final int HOSTS = 1024;

  private RouteTable table;
  private final String[] exact = new String[HOSTS];
  private final String[] wildcard = new String[HOSTS];
  private final String[] unknown = new String[HOSTS];
  private int next;

  @Setup
  public void setUp() throws InvalidRoutesException {
    table = DomainMapParser.parse(DomainMaps.json());
    if (table.size() != DomainMaps.ROUTES) {
      throw new IllegalStateException("expected " + DomainMaps.ROUTES + " routes: " + table.size());
    }
    for (int i = 0; i < HOSTS; i++) {
      exact[i] = DomainMaps.exactHost(i * 7 % (DomainMaps.ROUTES - DomainMaps.WILDCARDS)) + ":443";
      wildcard[i] = DomainMaps.wildcardHost(i * 7 % (DomainMaps.WILDCARDS - 1)) + ":443";
      unknown[i] = "host-" + i + ".unknown.org:443";
    }
  }

  @Benchmark
  public Optional<Route> exactHost() {
    return table.resolve(HostAndPort.parse(exact[next++ & (HOSTS - 1)]));
  }

  @Benchmark
  public Optional<Route> wildcardHost() {
    return table.resolve(HostAndPort.parse(wildcard[next++ & (HOSTS - 1)]));
  }

  /** Falls through every wildcard to {@code *}: the worst case. */
  @Benchmark
  public Optional<Route> unknownHostToFallback() {
    return table.resolve(HostAndPort.parse(unknown[next++ & (HOSTS - 1)]));
  }
}
