package io.socketx.bench.jmh;

import io.socketx.protocol.ClientEvent;
import io.socketx.protocol.ClientSession;
import io.socketx.protocol.ClientSettings;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.ServerEvent;
import io.socketx.protocol.ServerSession;
import io.socketx.protocol.SessionSettings;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/** Runs a whole SocketX handshake between a client and a server session without any transport. */
record InMemoryHandshake(ClientSession client, ServerSession server) {

  /** Both sessions, open for data, having negotiated {@code suite}. */
  static InMemoryHandshake open(Suite suite, SecureRandom random) throws ProtocolException {
    ClientSession client = new ClientSession(ClientSettings.of(suite, "/"), random);
    ServerSession server = new ServerSession(SessionSettings.of(suite), random);
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
