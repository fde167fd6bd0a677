package io.socketx.billing;

/**
 * Hot-path hook the proxy calls once per successfully encoded or decoded {@code PROXY_DATA} message
 * (handshakes are not counted). Implementations are lock-free and never throw.
 */
public interface MessageMeter {

  /** A meter that counts nothing (billing disabled). */
  MessageMeter NOOP =
      new MessageMeter() {
        @Override
        public void encoded() {}

        @Override
        public void decoded() {}
      };

  /** One message was encoded (sent towards a client). */
  void encoded();

  /** One message was decoded (received from a client). */
  void decoded();
}
