package io.socketx.bench.jmh;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.InMemoryHandshake;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
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
 * Protocol v2 PROXY_DATA records as the proxy handles them: {@code seal} is the proxy sealing an
 * upstream message for the client, {@code sealThenOpen} the client sealing one and the proxy
 * opening it. Every record needs a fresh sequence number (strict order rejects repeats), so open is
 * measured together with the seal that makes its input: open = sealThenOpen - seal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RecordCodecBenchmark {
  @Param({"64", "1024", "16384"})
  int size;

  @Param({"heap", "direct"})
  String buffers;

  @Param({"jdk"})
  String provider;

  private InMemoryHandshake sessions;
  private ByteBuffer plaintext;

  @Setup
  public void setUp() throws ProtocolException {
    IdentityKeys keys = IdentityKeys.of(IdentityKey.generate(new SecureRandom()));
    sessions = InMemoryHandshake.open(Suite.X25519, keys, new SecureRandom());
    byte[] payload = new byte[size];
    new SplittableRandom(1).nextBytes(payload);
    plaintext =
        buffers.equals("direct")
            ? ByteBuffer.allocateDirect(size).put(payload).flip()
            : ByteBuffer.wrap(payload);
  }

  @Benchmark
  public List<ByteBuffer> seal() throws ProtocolException {
    return sessions.server().encode(MessageType.BINARY, plaintext.clear());
  }

  @Benchmark
  public Event sealThenOpen() throws ProtocolException {
    Event last = null;
    for (ByteBuffer record : sessions.client().encode(MessageType.BINARY, plaintext.clear())) {
      last = sessions.server().receive(record);
    }
    return last;
  }
}
