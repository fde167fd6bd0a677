package io.socketx.billing.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenCredential;
import io.socketx.billing.config.BillingConfig;
import io.socketx.billing.fakes.FakeAzureMetadata;
import io.socketx.billing.fakes.FakeManagedIdentityEndpoint;
import io.socketx.billing.fakes.FakeMeteringApi;
import io.socketx.billing.fakes.TestBilling;
import io.socketx.billing.model.Dimension;
import io.socketx.billing.model.UsageKey;
import io.socketx.billing.report.UsageEvent;
import io.socketx.billing.report.UsageResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the production credentials (DefaultAzureCredential, ManagedIdentityCredential) against a
 * fake managed-identity endpoint. Surefire points azure-identity's own IDENTITY_ENDPOINT /
 * IDENTITY_HEADER settings at 127.0.0.1, so no call can leave the machine.
 */
class ManagedIdentityAuthTest {
  private static final String METERING_TOKEN =
      FakeManagedIdentityEndpoint.tokenFor(AzureCredentials.METERING_RESOURCE);

  private FakeManagedIdentityEndpoint identity;
  private final FakeMeteringApi api = new FakeMeteringApi(METERING_TOKEN);
  private final FakeAzureMetadata metadata = new FakeAzureMetadata();

  @BeforeEach
  void guardLoopback() {
    assertThat(System.getenv("IDENTITY_ENDPOINT"))
        .as("tests must run with the loopback managed identity endpoint (see billing/pom.xml)")
        .startsWith("http://127.0.0.1:");
    identity = new FakeManagedIdentityEndpoint();
  }

  @AfterEach
  void stop() {
    identity.close();
    api.close();
    metadata.close();
  }

  private BillingConfig config(String credential, String clientId) {
    Map<String, String> env = new HashMap<>();
    env.put("BILLING_STRATEGY", "request_based");
    env.put("BILLING_PROVIDER", "azure");
    env.put("BILLING_PLAN_ID", "standard");
    env.put("BILLING_AZURE_CREDENTIAL", credential);
    env.put("BILLING_METERING_ENDPOINT", api.uri().toString());
    env.put("BILLING_IMDS_ENDPOINT", metadata.uri().toString());
    env.put("BILLING_ARM_ENDPOINT", metadata.armUri().toString());
    if (clientId != null) {
      env.put("AZURE_CLIENT_ID", clientId);
    }
    return BillingConfig.fromEnv(env);
  }

  private static UsageEvent event() {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    return new UsageEvent(new UsageKey(hour, Dimension.DECODED_MESSAGES), 12);
  }

  @Test
  void defaultAzureCredentialAuthenticatesMeteringAndDetection() {
    BillingConfig config = config("default", null);
    TokenCredential credential = AzureCredentials.create(config);
    AzureMeteringReporter reporter =
        new AzureMeteringReporter(
            config.meteringEndpoint(),
            config.planId(),
            credential,
            new ImdsResourceIdResolver(
                null, config.imdsEndpoint(), config.armEndpoint(), credential, TestBilling.http()),
            TestBilling.http());

    List<UsageResult> results = reporter.report(List.of(event()));

    assertThat(results)
        .singleElement()
        .extracting(UsageResult::outcome)
        .isEqualTo(UsageResult.Outcome.ACCEPTED);
    assertThat(api.billed(FakeAzureMetadata.USAGE_ID)).containsEntry(event().key(), 12.0);
    assertThat(identity.requests())
        .extracting(q -> q.get("resource"))
        .contains(AzureCredentials.METERING_RESOURCE, metadata.armUri().toString());
    assertThat(metadata.authorizations())
        .containsOnly(
            "Bearer " + FakeManagedIdentityEndpoint.tokenFor(metadata.armUri().toString()));
  }

  @Test
  void managedIdentityCredentialSendsTheUserAssignedClientId() {
    String clientId = "11111111-2222-3333-4444-555555555555";
    BillingConfig config = config("managed_identity", clientId);
    AzureMeteringReporter reporter =
        new AzureMeteringReporter(
            config.meteringEndpoint(),
            config.planId(),
            AzureCredentials.create(config),
            () -> "/subscriptions/s/extensions/socketx",
            TestBilling.http());

    assertThat(reporter.report(List.of(event())))
        .singleElement()
        .extracting(UsageResult::outcome)
        .isEqualTo(UsageResult.Outcome.ACCEPTED);
    assertThat(identity.requests())
        .anySatisfy(
            q -> {
              assertThat(q).containsEntry("resource", AzureCredentials.METERING_RESOURCE);
              assertThat(q).containsEntry("client_id", clientId);
            });
  }
}
