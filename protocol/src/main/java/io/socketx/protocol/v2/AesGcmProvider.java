package io.socketx.protocol.v2;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Objects;
import javax.crypto.Cipher;

/**
 * The JCA provider whose AES-256-GCM protects v2 records: the JDK's by default, or one the
 * application chose once (the proxy's {@code CRYPTO_PROVIDER}). Only AES-GCM is taken from it;
 * nothing is registered with {@link java.security.Security}, so TLS and everything else in the
 * process keep their providers. Records are byte-identical whichever provider seals them.
 */
public final class AesGcmProvider {
  static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private static final AesGcmProvider JDK = new AesGcmProvider(jdkDefault());

  private final Provider provider;

  private AesGcmProvider(Provider provider) {
    this.provider = provider;
  }

  /** AES-GCM from the providers the JDK is configured with (SunJCE on OpenJDK). */
  public static AesGcmProvider jdk() {
    return JDK;
  }

  /**
   * AES-GCM from {@code provider} alone.
   *
   * @throws IllegalArgumentException when the provider offers no {@code AES/GCM/NoPadding}
   */
  public static AesGcmProvider of(Provider provider) {
    Objects.requireNonNull(provider, "provider");
    AesGcmProvider chosen = new AesGcmProvider(provider);
    chosen.newCipher();
    return chosen;
  }

  /** The provider's name, e.g. {@code SunJCE} or {@code AmazonCorrettoCryptoProvider}. */
  public String name() {
    return provider.getName();
  }

  /** The provider's version, e.g. {@code 17} or {@code 2.5.0}. */
  public String version() {
    return provider.getVersionStr();
  }

  /** A new, uninitialised AES/GCM/NoPadding cipher from this provider. */
  Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION, provider);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "provider " + provider.getName() + " offers no " + TRANSFORMATION, e);
    }
  }

  /**
   * The provider the JDK's configuration picks for AES-GCM, resolved once: a cipher asked for by
   * provider keeps no list of candidate providers, as one asked for without does.
   */
  private static Provider jdkDefault() {
    try {
      return Cipher.getInstance(TRANSFORMATION).getProvider();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no " + TRANSFORMATION, e);
    }
  }

  @Override
  public String toString() {
    return provider.getName();
  }
}
