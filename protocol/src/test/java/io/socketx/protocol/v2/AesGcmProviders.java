package io.socketx.protocol.v2;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.util.stream.Stream;

/** The AES-GCM providers the codec must agree under: the JDK's, and ACCP's that the proxy uses. */
final class AesGcmProviders {
  private AesGcmProviders() {}

  /** ACCP, which must load and pass its self-tests on the platforms the proxy is built for. */
  static AesGcmProvider accp() {
    AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
    return AesGcmProvider.of(AmazonCorrettoCryptoProvider.INSTANCE);
  }

  static Stream<AesGcmProvider> all() {
    return Stream.of(AesGcmProvider.jdk(), accp());
  }
}
