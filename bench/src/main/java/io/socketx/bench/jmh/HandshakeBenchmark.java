package io.socketx.bench.jmh;

import io.socketx.protocol.InMemoryHandshake;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One complete handshake per suite, client and server side together (REQUEST to open session); the
 * proxy pays roughly the server half.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HandshakeBenchmark {
  @Param({"0", "512", "768", "1024"})
  int strength;

  private Suite suite;
  private SecureRandom random;

  @Setup
  public void setUp() {
    suite = Suite.fromStrength(strength);
    random = new SecureRandom();
  }

  @Benchmark
  public InMemoryHandshake fullHandshake() throws ProtocolException {
    return InMemoryHandshake.open(suite, random);
  }
}
