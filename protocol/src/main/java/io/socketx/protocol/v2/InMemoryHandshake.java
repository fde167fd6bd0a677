package io.socketx.protocol.v2;

import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.security.SecureRandom;

/**
 * A v2 client and proxy session driven through a whole handshake without any transport, for a
 * proxy's start-up warm-up and for benchmarks.
 */
public record InMemoryHandshake(ClientSession client, ServerSession server) {

  /**
   * Both sessions open for data: the client pins the proxy's first key and offers {@code suite},
   * the proxy accepts it as its minimum.
   */
  public static InMemoryHandshake open(Suite suite, IdentityKeys keys, SecureRandom random)
      throws ProtocolException {
    ClientSession client =
        new ClientSession(
            ClientSettings.of(suite, "/", Pins.of(keys.fingerprints().get(0))), random);
    ServerSession server = new ServerSession(ServerSettings.of(suite, keys), random);
    Event.Reply hello = (Event.Reply) server.receive(client.start());
    Event.Established established = (Event.Established) client.receive(hello.record());
    server.receive(established.clientFinished());
    client.receive(server.upstreamConnected().upstreamConnected());
    return new InMemoryHandshake(client, server);
  }
}
