package io.socketx.proxy.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.socketx.contract.env.ProxyEnv;
import io.socketx.protocol.v2.AesGcmProvider;
import java.security.Provider;
import java.util.function.Supplier;

/**
 * Where AES-256-GCM for SocketX records comes from, chosen once at start-up from {@code
 * CRYPTO_PROVIDER}: the Amazon Corretto Crypto Provider (native AWS-LC) or the JDK. Only the record
 * layer uses the choice; ACCP is not registered with {@link java.security.Security}, so TLS
 * (BoringSSL or the JDK's) and BouncyCastle's ML-KEM, X25519 and Ed25519 are untouched.
 *
 * @param setting the {@code CRYPTO_PROVIDER} value: {@code auto}, {@code jdk} or {@code accp}
 * @param provider the provider records are sealed and opened with
 * @param fallbackReason why {@code auto} fell back to the JDK, or null
 */
public record AesGcmChoice(String setting, AesGcmProvider provider, String fallbackReason) {

  /** Resolves {@code setting} with the ACCP this process can load. */
  public static AesGcmChoice of(String setting) {
    return of(setting, AesGcmChoice::loadAccp);
  }

  /**
   * Resolves {@code setting}, taking ACCP from {@code accp} (which throws when it cannot be used).
   *
   * @throws IllegalStateException when {@code accp} is required and cannot be used
   */
  static AesGcmChoice of(String setting, Supplier<Provider> accp) {
    String variable = ProxyEnv.CRYPTO_PROVIDER.key();
    switch (setting) {
      case "jdk":
        return new AesGcmChoice(setting, AesGcmProvider.jdk(), null);
      case "accp":
        try {
          return new AesGcmChoice(setting, AesGcmProvider.of(accp.get()), null);
        } catch (RuntimeException | LinkageError e) {
          throw new IllegalStateException(
              variable + "=accp, but the Amazon Corretto Crypto Provider cannot be used: " + why(e),
              e);
        }
      case "auto":
        try {
          return new AesGcmChoice(setting, AesGcmProvider.of(accp.get()), null);
        } catch (RuntimeException | LinkageError e) {
          return new AesGcmChoice(setting, AesGcmProvider.jdk(), why(e));
        }
      default:
        throw new IllegalArgumentException(
            variable + " must be auto, jdk or accp but was " + setting);
    }
  }

  /** ACCP, once its native library loaded and its self-tests passed. */
  private static Provider loadAccp() {
    AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
    accp.assertHealthy();
    return accp;
  }

  private static String why(Throwable e) {
    Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  /** One line for the start-up log: the provider, its version and how it was chosen. */
  public String describe() {
    return provider.name()
        + " "
        + provider.version()
        + " ("
        + ProxyEnv.CRYPTO_PROVIDER.key()
        + "="
        + setting
        + (fallbackReason == null ? "" : "; ACCP unavailable: " + fallbackReason)
        + ")";
  }
}
