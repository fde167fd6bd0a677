package io.socketx.protocol.v2;

import io.socketx.protocol.HybridKeyExchange;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;

/** Suite ids and the exact sizes of CLIENT_HELLO and SERVER_HELLO (docs/protocol.md 4, 6). */
final class HelloLayout {
  private HelloLayout() {}

  static int suiteId(Suite suite) {
    return switch (suite) {
      case X25519 -> 0;
      case X25519_MLKEM512 -> 1;
      case X25519_MLKEM768 -> 2;
      case X25519_MLKEM1024 -> 3;
    };
  }

  static Suite suite(int id) throws ProtocolException {
    return switch (id) {
      case 0 -> Suite.X25519;
      case 1 -> Suite.X25519_MLKEM512;
      case 2 -> Suite.X25519_MLKEM768;
      case 3 -> Suite.X25519_MLKEM1024;
      default -> throw new ProtocolException(ProtocolError.NO_COMMON_SUITE, "unknown suite " + id);
    };
  }

  /** CLIENT_HELLO size with header: {@code 41 + 8n + ek}. */
  static int clientHelloLength(Suite suite, int hints) {
    return Wire.HEADER_LENGTH
        + 2
        + Wire.HINT_LENGTH * hints
        + HybridKeyExchange.X25519_KEY_LENGTH
        + suite.mlkemPublicKeyLength();
  }

  /** SERVER_HELLO bytes before the sealed part (header, suite, eeid, x25519, ct). */
  static int serverShareLength(Suite suite) {
    return Wire.HEADER_LENGTH
        + 1
        + Wire.EEID_LENGTH
        + HybridKeyExchange.X25519_KEY_LENGTH
        + suite.mlkemCiphertextLength();
  }

  /** SERVER_HELLO size with header: {@code 212 + ct}. */
  static int serverHelloLength(Suite suite) {
    return serverShareLength(suite) + Wire.SEALED_LENGTH;
  }
}
