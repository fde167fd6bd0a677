package io.socketx.billing.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.billing.fakes.FakeAzureMetadata;
import io.socketx.billing.fakes.StaticToken;
import io.socketx.billing.fakes.TestBilling;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImdsResourceIdResolverTest {
  private final FakeAzureMetadata metadata = new FakeAzureMetadata();

  @AfterEach
  void stop() {
    metadata.close();
  }

  private ImdsResourceIdResolver resolver(String configured) {
    return new ImdsResourceIdResolver(
        configured,
        metadata.uri(),
        metadata.armUri(),
        new StaticToken("arm-token"),
        TestBilling.http());
  }

  @Test
  void configuredResourceIdWinsWithoutAnyCall() throws Exception {
    assertThat(resolver("/subscriptions/x/ext").resourceId()).isEqualTo("/subscriptions/x/ext");
    assertThat(metadata.paths()).isEmpty();
  }

  @Test
  void detectsTheUsageIdThroughTheManagedResourceGroup() throws Exception {
    ImdsResourceIdResolver resolver = resolver(null);
    assertThat(resolver.resourceId()).isEqualTo(FakeAzureMetadata.USAGE_ID);
    assertThat(metadata.paths())
        .containsExactly(
            "/metadata/instance",
            "/subscriptions/"
                + FakeAzureMetadata.SUBSCRIPTION
                + "/resourceGroups/"
                + FakeAzureMetadata.GROUP,
            FakeAzureMetadata.MANAGED_BY);
    assertThat(metadata.authorizations()).containsOnly("Bearer arm-token");
    // cached: no further calls
    assertThat(resolver.resourceId()).isEqualTo(FakeAzureMetadata.USAGE_ID);
    assertThat(metadata.paths()).hasSize(3);
  }

  @Test
  void fallsBackToManagedByWithoutBillingDetails() throws Exception {
    metadata.billingDetails(false);
    assertThat(resolver(null).resourceId()).isEqualTo(FakeAzureMetadata.MANAGED_BY);
  }

  @Test
  void failsClearlyWhenNeitherSourceWorksAndRetriesLater() throws Exception {
    metadata.instanceAvailable(false);
    ImdsResourceIdResolver resolver = resolver(null);
    assertThatThrownBy(resolver::resourceId)
        .isInstanceOf(ResourceIdUnavailableException.class)
        .hasMessageContaining("AZURE_RESOURCE_ID is not set")
        .hasMessageContaining("HTTP 503");
    metadata.instanceAvailable(true);
    assertThat(resolver.resourceId()).isEqualTo(FakeAzureMetadata.USAGE_ID);
  }
}
