package io.socketx.client;

import io.socketx.protocol.Suite;

/** Lets tests in other packages start a {@link TestResponder}. */
public final class TestResponderAccess {
  private TestResponderAccess() {}

  /** A running echo responder; close it when done. */
  public static Handle echo(Suite minimum) throws InterruptedException {
    return new Handle(new TestResponder(minimum, TestResponder.Mode.ECHO));
  }

  /** A running responder. */
  public static final class Handle implements AutoCloseable {
    private final TestResponder responder;

    Handle(TestResponder responder) {
      this.responder = responder;
    }

    public int port() {
      return responder.port();
    }

    /** The fingerprint of the responder's identity key, as {@code --pin} takes it. */
    public String pin() {
      return TestResponder.PIN.toString();
    }

    @Override
    public void close() {
      responder.close();
    }
  }
}
