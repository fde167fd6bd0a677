package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/** A client and a server session driven through the handshake in memory. */
final class SessionPair {
  final ClientSession client;
  final ServerSession server;
  final String pathname;

  SessionPair(ClientSession client, ServerSession server, String pathname) {
    this.client = client;
    this.server = server;
    this.pathname = pathname;
  }

  static SessionPair open(Suite clientSuite, Suite serverMinimum) throws ProtocolException {
    SecureRandom random = new SecureRandom();
    SessionPair pair =
        new SessionPair(
            new ClientSession(ClientSettings.of(clientSuite, "/chat?room=1"), random),
            new ServerSession(SessionSettings.of(serverMinimum), random),
            "/chat?room=1");
    pair.handshake();
    return pair;
  }

  /** Runs REQUEST through UPSTREAM_CONNECTION_RESPONSE and checks each step's event. */
  void handshake() throws ProtocolException {
    ServerEvent response = server.receive(client.start());
    ClientEvent pairRequest = client.receive(((ServerEvent.Reply) response).record());
    ServerEvent pairResponse = server.receive(((ClientEvent.Reply) pairRequest).record());
    ClientEvent upstreamRequest = client.receive(((ServerEvent.Reply) pairResponse).record());
    ServerEvent requested = server.receive(((ClientEvent.Reply) upstreamRequest).record());
    assertThat(requested).isEqualTo(new ServerEvent.UpstreamRequested(pathname));
    assertThat(client.receive(server.upstreamConnected())).isInstanceOf(ClientEvent.Opened.class);
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
