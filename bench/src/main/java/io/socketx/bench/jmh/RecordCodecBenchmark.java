package io.socketx.bench.jmh;

import io.socketx.protocol.InMemoryHandshake;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.ServerEvent;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
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
 * PROXY_DATA record encode, and encode followed by the peer's authenticated decode, per payload
 * size. Every record needs a fresh sequence number (the replay window rejects repeats), so decode
 * is measured together with the encode that makes its input: decode = encodeThenDecode - encode.
 * {@code heap} buffers are what the JDK's AES-GCM handles best; {@code direct} buffers are what a
 * Netty pooled allocator hands the proxy by default, and make the JDK copy through scratch arrays.
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

  private InMemoryHandshake sessions;
  private ByteBuffer plaintext;
  private ByteBuffer record;

  @Setup
  public void setUp() throws ProtocolException {
    sessions = InMemoryHandshake.open(Suite.X25519, new SecureRandom());
    byte[] payload = new byte[size];
    new SplittableRandom(1).nextBytes(payload);
    int recordSize = sessions.client().encodedSize(size);
    if (buffers.equals("direct")) {
      plaintext = ByteBuffer.allocateDirect(size).put(payload).flip();
      record = ByteBuffer.allocateDirect(recordSize);
    } else {
      plaintext = ByteBuffer.wrap(payload);
      record = ByteBuffer.allocate(recordSize);
    }
  }

  @Benchmark
  public ByteBuffer encode() throws ProtocolException {
    record.clear();
    sessions.client().encode(MessageType.BINARY, plaintext.clear(), record);
    return record;
  }

  @Benchmark
  public ServerEvent encodeThenDecode() throws ProtocolException {
    record.clear();
    sessions.client().encode(MessageType.BINARY, plaintext.clear(), record);
    return sessions.server().receive(record.flip());
  }
}
