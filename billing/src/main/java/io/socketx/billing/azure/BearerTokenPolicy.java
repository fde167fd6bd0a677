package io.socketx.billing.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import reactor.core.publisher.Mono;

/**
 * azure-core's bearer-token policy for one scope, with failures to obtain a token thrown as {@link
 * TokenUnavailableException} so callers can tell them from network failures.
 */
final class BearerTokenPolicy extends BearerTokenAuthenticationPolicy {

  BearerTokenPolicy(TokenCredential credential, String scope) {
    super(credential, scope);
  }

  @Override
  public void authorizeRequestSync(HttpPipelineCallContext context) {
    try {
      super.authorizeRequestSync(context);
    } catch (RuntimeException e) {
      throw new TokenUnavailableException(e);
    }
  }

  @Override
  public Mono<Void> authorizeRequest(HttpPipelineCallContext context) {
    return super.authorizeRequest(context)
        .onErrorMap(e -> !(e instanceof TokenUnavailableException), TokenUnavailableException::new);
  }

  /** The credential could not issue a token; the request was not sent. */
  static final class TokenUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenUnavailableException(Throwable cause) {
      super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
  }
}
