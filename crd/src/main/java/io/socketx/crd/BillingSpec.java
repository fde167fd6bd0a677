package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Metered billing of encoded and decoded messages. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = CrossFieldRules.REQUEST_BASED_NEEDS_PROVIDER,
    message = CrossFieldRules.REQUEST_BASED_NEEDS_PROVIDER_MESSAGE)
public class BillingSpec {

  @JsonPropertyDescription(
      "none (default): no metering; request_based: count and report messages [BILLING_STRATEGY].")
  private BillingStrategy strategy;

  @JsonPropertyDescription(
      "Where usage is reported: azure (Azure Marketplace metering) [BILLING_PROVIDER].")
  private BillingProvider provider;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Product or plan name reported with usage [BILLING_PRODUCT].")
  private String product;

  @Pattern(SocketXApi.DURATION_PATTERN)
  @JsonPropertyDescription("How often usage is reported, e.g. 15m [BILLING_REPORT_INTERVAL].")
  private String reportInterval;

  public BillingStrategy getStrategy() {
    return strategy;
  }

  public void setStrategy(BillingStrategy strategy) {
    this.strategy = strategy;
  }

  public BillingProvider getProvider() {
    return provider;
  }

  public void setProvider(BillingProvider provider) {
    this.provider = provider;
  }

  public String getProduct() {
    return product;
  }

  public void setProduct(String product) {
    this.product = product;
  }

  public String getReportInterval() {
    return reportInterval;
  }

  public void setReportInterval(String reportInterval) {
    this.reportInterval = reportInterval;
  }
}
