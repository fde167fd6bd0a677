package io.socketx.billing.azure;

import static io.socketx.billing.model.Dimension.DECODED_MESSAGES;
import static io.socketx.billing.model.Dimension.ENCODED_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.billing.fakes.FakeMeteringApi;
import io.socketx.billing.fakes.FakeMeteringApi.Fault;
import io.socketx.billing.fakes.StaticToken;
import io.socketx.billing.model.UsageKey;
import io.socketx.billing.report.UsageEvent;
import io.socketx.billing.report.UsageResult;
import io.socketx.billing.report.UsageResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AzureMeteringReporterTest {
  private static final String EXTENSION =
      "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c"
          + "/providers/Microsoft.KubernetesConfiguration/extensions/socketx";
  private static final Instant H =
      Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusSeconds(3 * 3600);

  private final FakeMeteringApi api = new FakeMeteringApi("metering-token");
  private final StaticToken token = new StaticToken("metering-token");

  @AfterEach
  void stop() {
    api.close();
  }

  private AzureMeteringReporter reporter(ResourceIdSource ids, Duration timeout) {
    return new AzureMeteringReporter(api.uri(), "standard", token, ids, timeout);
  }

  private AzureMeteringReporter reporter() {
    return reporter(() -> EXTENSION, Duration.ofSeconds(5));
  }

  private static UsageEvent event(int hoursBack, boolean encoded, long quantity) {
    return new UsageEvent(
        new UsageKey(
            H.minusSeconds(hoursBack * 3600L), encoded ? ENCODED_MESSAGES : DECODED_MESSAGES),
        quantity);
  }

  @Test
  void singleEventIsAcceptedWithResourceUriForKubernetesApps() {
    List<UsageResult> results = reporter().report(List.of(event(0, true, 42)));
    assertThat(results)
        .singleElement()
        .extracting(UsageResult::outcome)
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(api.singleCalls()).isEqualTo(1);
    assertThat(api.received().get(0).path("resourceUri").asText()).isEqualTo(EXTENSION);
    assertThat(api.received().get(0).path("planId").asText()).isEqualTo("standard");
    assertThat(api.received().get(0).path("dimension").asText()).isEqualTo("encodedMessages");
    assertThat(api.billed(EXTENSION)).containsEntry(event(0, true, 42).key(), 42.0);
  }

  @Test
  void usageIdGoesInResourceId() {
    reporter(() -> "9b5a3a2e-0d4c-4a8e-9d6b-1f2e3d4c5b6a", Duration.ofSeconds(5))
        .report(List.of(event(0, true, 1)));
    assertThat(api.received().get(0).has("resourceUri")).isFalse();
    assertThat(api.received().get(0).path("resourceId").asText()).startsWith("9b5a3a2e");
  }

  @Test
  void singleDuplicateCarriesTheAcceptedQuantity() {
    api.preAccept(EXTENSION, event(0, true, 0).key(), 40);
    UsageResult r = reporter().report(List.of(event(0, true, 42))).get(0);
    assertThat(r.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(r.acceptedQuantity()).isEqualTo(40.0);
  }

  @Test
  void singleExpiredIsPermanent() {
    api.expire(event(0, true, 0).key().hour());
    UsageResult r = reporter().report(List.of(event(0, true, 42))).get(0);
    assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(r.reason()).isEqualTo("Expired");
  }

  @Test
  void batchClassifiesEachItemWhateverTheAnswerOrder() {
    api.preAccept(EXTENSION, event(1, true, 0).key(), 7);
    api.expire(event(2, true, 0).key().hour());
    List<UsageEvent> events =
        List.of(event(0, true, 10), event(0, false, 11), event(1, true, 7), event(2, true, 5));
    List<UsageResult> results = reporter().report(events);
    assertThat(results)
        .extracting(UsageResult::key)
        .containsExactlyElementsOf(events.stream().map(UsageEvent::key).toList());
    assertThat(results)
        .extracting(UsageResult::outcome)
        .containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.DUPLICATE, Outcome.REJECTED);
    assertThat(results.get(2).acceptedQuantity()).isEqualTo(7.0);
    assertThat(results.get(3).reason()).isEqualTo("Expired");
    assertThat(api.batchCalls()).isEqualTo(1);
    assertThat(api.singleCalls()).isZero();
  }

  @Test
  void splitsIntoBatchesOfAtMost25() {
    List<UsageEvent> events = new ArrayList<>();
    for (int h = 0; h < 20; h++) {
      events.add(event(h, true, h + 1));
      events.add(event(h, false, h + 100));
    }
    List<UsageResult> results = reporter().report(events);
    assertThat(results).hasSize(40).allMatch(r -> r.outcome() == Outcome.ACCEPTED);
    assertThat(api.batchCalls()).isEqualTo(2);
    assertThat(api.billed(EXTENSION)).hasSize(40);
  }

  static Stream<Arguments> transientFaults() {
    return Stream.of(
        Arguments.of(Fault.HTTP_429, "http_429"),
        Arguments.of(Fault.HTTP_500, "http_5xx"),
        Arguments.of(Fault.HANG, "timeout"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("transientFaults")
  void outagesAreTransientForSingleAndBatch(Fault fault, String reason) {
    api.fault(fault);
    AzureMeteringReporter reporter = reporter(() -> EXTENSION, Duration.ofMillis(500));
    assertThat(reporter.report(List.of(event(0, true, 1))))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.TRANSIENT))
        .satisfies(r -> assertThat(r.reason()).isEqualTo(reason));
    assertThat(reporter.report(List.of(event(0, true, 1), event(0, false, 2))))
        .hasSize(2)
        .allMatch(r -> r.outcome() == Outcome.TRANSIENT && r.reason().equals(reason));
    assertThat(api.billed(EXTENSION)).isEmpty();
  }

  @Test
  void networkFailureIsTransient() {
    api.close();
    assertThat(reporter().report(List.of(event(0, true, 1))))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("network"));
  }

  @Test
  void tokenFailureIsTransientAndSendsNothing() {
    token.failing(true);
    assertThat(reporter().report(List.of(event(0, true, 1))))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.TRANSIENT))
        .satisfies(r -> assertThat(r.reason()).isEqualTo("token"));
    assertThat(api.singleCalls()).isZero();
  }

  @Test
  void wrongTokenIsTransient() {
    AzureMeteringReporter reporter =
        new AzureMeteringReporter(
            api.uri(),
            "standard",
            new StaticToken("other"),
            () -> EXTENSION,
            Duration.ofSeconds(5));
    assertThat(reporter.report(List.of(event(0, true, 1))))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("http_401"));
  }

  @Test
  void missingResourceIdIsTransient() {
    AzureMeteringReporter reporter =
        reporter(
            () -> {
              throw new ResourceIdUnavailableException("no resource id", null);
            },
            Duration.ofSeconds(5));
    assertThat(reporter.report(List.of(event(0, true, 1))))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("resource_id"));
  }
}
