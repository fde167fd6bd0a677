package io.socketx.bench.jmh;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.AesGcmProvider;
import io.socketx.protocol.v2.ClientSession;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.InMemoryHandshake;
import io.socketx.protocol.v2.ServerSession;
import io.socketx.protocol.v2.Wire;
import io.socketx.proxy.crypto.AesGcmChoice;
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
 * Protocol v2 PROXY_DATA records as the proxy handles them: {@code seal} is the proxy sealing an
 * upstream message into its own buffer for the client, {@code sealThenOpen} the client sealing one
 * and the proxy opening it in place. Every record needs a fresh sequence number (strict order
 * rejects repeats), so open is measured together with the seal that makes its input: open =
 * sealThenOpen - seal. {@code direct} buffers are what Netty's pooled allocator hands the proxy;
 * {@code provider} is the proxy's {@code CRYPTO_PROVIDER}.
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

  @Param({"jdk", "accp"})
  String provider;

  private InMemoryHandshake sessions;
  private ByteBuffer plaintext;
  private ByteBuffer record;

  @Setup
  public void setUp() throws ProtocolException {
    IdentityKeys keys = IdentityKeys.of(IdentityKey.generate(new SecureRandom()));
    AesGcmProvider aesGcm = AesGcmChoice.of(provider).provider();
    sessions = InMemoryHandshake.open(Suite.X25519, keys, new SecureRandom(), aesGcm);
    byte[] payload = new byte[size];
    new SplittableRandom(1).nextBytes(payload);
    boolean direct = buffers.equals("direct");
    plaintext = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    plaintext.put(payload).flip();
    int recordSize = Wire.sealedLength(size);
    record = direct ? ByteBuffer.allocateDirect(recordSize) : ByteBuffer.allocate(recordSize);
  }

  @Benchmark
  public ByteBuffer seal() throws ProtocolException {
    ServerSession server = sessions.server();
    record.clear();
    if (server.keyUpdateDue(size)) {
      server.encodeKeyUpdate(record);
      record.clear();
    }
    server.encode(MessageType.BINARY, plaintext.clear(), record);
    return record;
  }

  @Benchmark
  public Event sealThenOpen() throws ProtocolException {
    ClientSession client = sessions.client();
    record.clear();
    if (client.keyUpdateDue(size)) {
      client.encodeKeyUpdate(record);
      sessions.server().receive(record.flip());
      record.clear();
    }
    client.encode(MessageType.BINARY, plaintext.clear(), record);
    return sessions.server().receive(record.flip());
  }
}
