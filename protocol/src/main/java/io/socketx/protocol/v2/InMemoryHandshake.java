package io.socketx.protocol.v2;

import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.security.SecureRandom;

/**
 * A v2 client and proxy session driven through a whole handshake without any transport, for a
 * proxy's start-up warm-up and for benchmarks.
 */
public record InMemoryHandshake(ClientSession client, ServerSession server) {

  /**
   * Both sessions open for data with the JDK's AES-GCM: the client pins the proxy's first key and
   * offers {@code suite}, the proxy accepts it as its minimum.
   */
  public static InMemoryHandshake open(Suite suite, IdentityKeys keys, SecureRandom random)
      throws ProtocolException {
    return open(suite, keys, random, AesGcmProvider.jdk());
  }

  /** Both sessions open for data, each with AES-GCM from {@code aesGcm}. */
  public static InMemoryHandshake open(
      Suite suite, IdentityKeys keys, SecureRandom random, AesGcmProvider aesGcm)
      throws ProtocolException {
    int window = ProtocolConstants.DEFAULT_DECODER_WINDOW;
    ClientSession client =
        new ClientSession(
            new ClientSettings(
                suite,
                "/",
                Pins.of(keys.fingerprints().get(0)),
                window,
                KeyLimits.PROTOCOL,
                aesGcm),
            random);
    ServerSession server =
        new ServerSession(
            new ServerSettings(suite, keys, window, KeyLimits.PROTOCOL, aesGcm), random);
    Event.Reply hello = (Event.Reply) server.receive(client.start());
    Event.Established established = (Event.Established) client.receive(hello.record());
    server.receive(established.clientFinished());
    client.receive(server.upstreamConnected().upstreamConnected());
    return new InMemoryHandshake(client, server);
  }
}
