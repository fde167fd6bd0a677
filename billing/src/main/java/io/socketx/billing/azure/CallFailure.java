package io.socketx.billing.azure;

import io.socketx.billing.azure.BearerTokenPolicy.TokenUnavailableException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Why a call produced no answer, as a short metric reason ({@code token}, {@code timeout}, {@code
 * network}, {@code interrupted}, {@code internal}) and a detail for the log.
 */
record CallFailure(String reason, String detail) {

  /** Classifies what the pipeline threw (after its retries were exhausted). */
  static CallFailure of(RuntimeException thrown) {
    boolean io = false;
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof TokenUnavailableException) {
        return new CallFailure("token", t.getMessage());
      }
      if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
        return new CallFailure("timeout", t.toString());
      }
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return new CallFailure("interrupted", "interrupted");
      }
      io |= t instanceof IOException;
    }
    return new CallFailure(io ? "network" : "internal", thrown.toString());
  }
}
