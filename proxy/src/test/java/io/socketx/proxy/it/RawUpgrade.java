package io.socketx.proxy.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An upgrade request written byte for byte on a plain socket, as a flood or a hostile client would
 * send it; the socket stays open (an admitted upgrade keeps its handshake slot) until closed.
 */
final class RawUpgrade implements AutoCloseable {
  static final String GOOD_HEADERS =
      "Host: app.test\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

  private final Socket socket;
  final String response;

  private RawUpgrade(Socket socket, String response) {
    this.socket = socket;
    this.response = response;
  }

  /** Sends a well-formed upgrade from 127.0.0.1 and reads the response head. */
  static RawUpgrade send(int port) throws IOException {
    return send(port, "127.0.0.1", GOOD_HEADERS);
  }

  /** Sends an upgrade with {@code headers} from {@code source} (a loopback address). */
  static RawUpgrade send(int port, String source, String headers) throws IOException {
    Socket socket = new Socket();
    try {
      socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      socket.setSoTimeout((int) ProxyTestSupport.CEILING.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + headers + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new RawUpgrade(socket, readResponse(socket.getInputStream()));
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The response's status code. */
  int status() {
    return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
  }

  /** A response header's value (case-insensitive name), or null. */
  String header(String name) {
    for (String line : response.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** The status line and headers, plus the body when a Content-Length announces one. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        int length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
      }
    }
    return text;
  }
}
