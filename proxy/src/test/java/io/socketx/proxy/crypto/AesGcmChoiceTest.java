package io.socketx.proxy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.socketx.protocol.v2.AesGcmProvider;
import java.security.Provider;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AesGcmChoiceTest {
  /** What the loader does where ACCP's native library cannot be loaded. */
  private static final Supplier<Provider> ACCP_MISSING =
      () -> {
        throw new UnsatisfiedLinkError("no amazonCorrettoCryptoProvider in java.library.path");
      };

  @Test
  void autoTakesAccpWhereItLoads() {
    AesGcmChoice choice = AesGcmChoice.of("auto");

    assertThat(choice.provider().name()).isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
    assertThat(choice.fallbackReason()).isNull();
    assertThat(choice.describe())
        .startsWith("AmazonCorrettoCryptoProvider 2.5.0")
        .endsWith("(CRYPTO_PROVIDER=auto)");
  }

  @Test
  void autoFallsBackToTheJdkWhenAccpCannotLoadAndSaysWhy() {
    AesGcmChoice choice = AesGcmChoice.of("auto", ACCP_MISSING);

    assertThat(choice.provider()).isSameAs(AesGcmProvider.jdk());
    assertThat(choice.fallbackReason())
        .isEqualTo("UnsatisfiedLinkError: no amazonCorrettoCryptoProvider in java.library.path");
    assertThat(choice.describe())
        .startsWith("SunJCE ")
        .contains("CRYPTO_PROVIDER=auto; ACCP unavailable: UnsatisfiedLinkError");
  }

  @Test
  void autoFallsBackWhenAccpFailsItsSelfTests() {
    AesGcmChoice choice =
        AesGcmChoice.of(
            "auto",
            () -> {
              throw new IllegalStateException("self-test AES-GCM failed");
            });

    assertThat(choice.provider()).isSameAs(AesGcmProvider.jdk());
    assertThat(choice.fallbackReason()).contains("self-test AES-GCM failed");
  }

  @Test
  void jdkNeverTouchesAccp() {
    AesGcmChoice choice =
        AesGcmChoice.of(
            "jdk",
            () -> {
              throw new AssertionError("ACCP must not be loaded for CRYPTO_PROVIDER=jdk");
            });

    assertThat(choice.provider()).isSameAs(AesGcmProvider.jdk());
  }

  @Test
  void accpRequiredButUnavailableStopsStartUpNamingTheVariable() {
    assertThatThrownBy(() -> AesGcmChoice.of("accp", ACCP_MISSING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "CRYPTO_PROVIDER=accp, but the Amazon Corretto Crypto Provider cannot be used:"
                + " UnsatisfiedLinkError: no amazonCorrettoCryptoProvider in java.library.path");
  }

  @Test
  void accpIsUsedWithoutRegisteringItForTheWholeProcess() {
    AesGcmChoice choice = AesGcmChoice.of("accp");

    assertThat(choice.provider().name()).isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
    assertThat(java.security.Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME))
        .as("TLS and the rest of the process keep their providers")
        .isNull();
  }
}
