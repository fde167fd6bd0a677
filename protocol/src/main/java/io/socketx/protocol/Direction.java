package io.socketx.protocol;

/** One of the two independently keyed directions of a session. */
public enum Direction {
  /** Client to server: the client encodes, the server decodes. */
  C2S("c2s"),
  /** Server to client: the server encodes, the client decodes. */
  S2C("s2c");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  /** The name of this direction in handshake JSON and key-schedule labels. */
  public String label() {
    return label;
  }
}
