package io.socketx.bench;

/** A command line that cannot be run; the message names the option and the problem. */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
