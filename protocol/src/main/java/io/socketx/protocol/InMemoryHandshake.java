package io.socketx.protocol;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * A client and a server session driven through a whole handshake without any transport, as the
 * proxy's start-up warm-up and the benchmarks use them.
 */
public record InMemoryHandshake(ClientSession client, ServerSession server) {

  /** Both sessions, open for data, the server accepting {@code suite} as its minimum. */
  public static InMemoryHandshake open(Suite suite, SecureRandom random) throws ProtocolException {
    return open(suite, SessionSettings.of(suite), random);
  }

  /**
   * Both sessions, open for data, the client offering {@code clientSuite} to a server with {@code
   * serverSettings}.
   *
   * @throws ProtocolException when the server refuses the client's offer
   */
  public static InMemoryHandshake open(
      Suite clientSuite, SessionSettings serverSettings, SecureRandom random)
      throws ProtocolException {
    ClientSession client = new ClientSession(ClientSettings.of(clientSuite, "/"), random);
    ServerSession server = new ServerSession(serverSettings, random);
    ByteBuffer toServer = client.start();
    while (true) {
      ServerEvent answer = server.receive(toServer);
      ByteBuffer toClient;
      if (answer instanceof ServerEvent.Reply reply) {
        toClient = reply.record();
      } else if (answer instanceof ServerEvent.UpstreamRequested) {
        toClient = server.upstreamConnected();
      } else {
        throw new IllegalStateException("unexpected " + answer + " during the handshake");
      }
      ClientEvent next = client.receive(toClient);
      if (next instanceof ClientEvent.Opened) {
        return new InMemoryHandshake(client, server);
      }
      if (!(next instanceof ClientEvent.Reply reply)) {
        throw new IllegalStateException("unexpected " + next + " during the handshake");
      }
      toServer = reply.record();
    }
  }
}
