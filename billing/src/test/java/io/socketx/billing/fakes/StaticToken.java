package io.socketx.billing.fakes;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/** A credential that issues a fixed token, or fails while switched off. */
public final class StaticToken implements TokenCredential {
  private final String token;
  private final AtomicBoolean failing = new AtomicBoolean();

  public StaticToken(String token) {
    this.token = token;
  }

  public void failing(boolean fail) {
    failing.set(fail);
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    if (failing.get()) {
      return Mono.error(new IllegalStateException("token endpoint unavailable"));
    }
    return Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
  }
}
