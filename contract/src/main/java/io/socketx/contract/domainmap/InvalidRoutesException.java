package io.socketx.contract.domainmap;

/** A route definition that cannot be used; the message names the entry and the problem. */
public final class InvalidRoutesException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidRoutesException(String message) {
    super(message);
  }
}
