package io.socketx.billing.azure;

import static io.socketx.billing.model.Dimension.DECODED_MESSAGES;
import static io.socketx.billing.model.Dimension.ENCODED_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.socketx.billing.fakes.FakeMeteringApi;
import io.socketx.billing.fakes.FakeMeteringApi.Fault;
import io.socketx.billing.fakes.StaticToken;
import io.socketx.billing.fakes.TestBilling;
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
import org.slf4j.LoggerFactory;

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

  private AzureMeteringReporter reporter(ResourceIdSource ids, AzureHttp http) {
    return new AzureMeteringReporter(api.uri(), "standard", token, ids, http);
  }

  private AzureMeteringReporter reporter() {
    return reporter(() -> EXTENSION, TestBilling.http());
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
    reporter(() -> "9b5a3a2e-0d4c-4a8e-9d6b-1f2e3d4c5b6a", TestBilling.http())
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
    // Answered faults get the generous timeout: the outcome never depends on how fast the fake
    // answers. HANG holds every request until the fake closes, so a short timeout is the only
    // possible outcome, however slow the machine.
    return Stream.of(
        Arguments.of(Fault.HTTP_429, "http_429", TestBilling.GENEROUS_TIMEOUT),
        Arguments.of(Fault.HTTP_500, "http_5xx", TestBilling.GENEROUS_TIMEOUT),
        Arguments.of(Fault.DROP, "network", TestBilling.GENEROUS_TIMEOUT),
        Arguments.of(Fault.HANG, "timeout", Duration.ofMillis(200)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("transientFaults")
  void outagesAreTransientForSingleAndBatch(Fault fault, String reason, Duration timeout) {
    api.fault(fault);
    AzureMeteringReporter reporter = reporter(() -> EXTENSION, TestBilling.http(timeout, 1));
    assertThat(reporter.report(List.of(event(0, true, 1))))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.TRANSIENT))
        .satisfies(r -> assertThat(r.reason()).isEqualTo(reason));
    assertThat(reporter.report(List.of(event(0, true, 1), event(0, false, 2))))
        .hasSize(2)
        .allMatch(r -> r.outcome() == Outcome.TRANSIENT && r.reason().equals(reason));
    assertThat(api.billed(EXTENSION)).isEmpty();
  }

  static Stream<Arguments> answeredOutages() {
    return Stream.of(
        Arguments.of(Fault.HTTP_429), Arguments.of(Fault.HTTP_500), Arguments.of(Fault.DROP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answeredOutages")
  void aTransientFailureIsRetriedWithinTheCall(Fault fault) {
    api.failNext(fault, 2);
    assertThat(reporter().report(List.of(event(0, true, 3))))
        .singleElement()
        .extracting(UsageResult::outcome)
        .isEqualTo(Outcome.ACCEPTED);
    api.failNext(fault, 1);
    assertThat(reporter().report(List.of(event(1, true, 4), event(1, false, 5))))
        .extracting(UsageResult::outcome)
        .containsOnly(Outcome.ACCEPTED);
    assertThat(api.attempts()).isEqualTo(5);
    assertThat(api.billed(EXTENSION)).hasSize(3);
  }

  @Test
  void aRetryWaitsAsLongAsRetryAfterSays() {
    api.retryAfter("1");
    api.failNext(Fault.HTTP_429, 1);
    // The retry strategy alone would wait milliseconds; the answer's Retry-After says 1 s.
    assertThat(reporter().report(List.of(event(0, true, 3))))
        .singleElement()
        .extracting(UsageResult::outcome)
        .isEqualTo(Outcome.ACCEPTED);
    List<Long> times = api.attemptTimes();
    assertThat(times).hasSize(2);
    assertThat(Duration.ofNanos(times.get(1) - times.get(0)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void permanentRejectionsAreNeverRetried() {
    api.expire(event(0, true, 0).key().hour());
    api.preAccept(EXTENSION, event(1, true, 0).key(), 40);
    assertThat(reporter().report(List.of(event(0, true, 42))))
        .singleElement()
        .extracting(UsageResult::outcome)
        .isEqualTo(Outcome.REJECTED);
    assertThat(reporter().report(List.of(event(1, true, 42))))
        .singleElement()
        .extracting(UsageResult::outcome)
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(api.attempts()).isEqualTo(2);
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
    assertThat(api.attempts()).isZero();
  }

  @Test
  void wrongTokenIsTransientAndNotRetriedWithinTheCall() {
    AzureMeteringReporter reporter =
        new AzureMeteringReporter(
            api.uri(), "standard", new StaticToken("other"), () -> EXTENSION, TestBilling.http());
    assertThat(reporter.report(List.of(event(0, true, 1))))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.TRANSIENT))
        .satisfies(r -> assertThat(r.reason()).isEqualTo("http_401"));
    assertThat(api.attempts()).isEqualTo(1);
  }

  @Test
  void logsCarryNoTokenBodyOrQuery() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger httpLog = (Logger) LoggerFactory.getLogger(SafeHttpLog.class);
    Level before = httpLog.getLevel();
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    root.addAppender(lines);
    httpLog.setLevel(Level.DEBUG);
    try {
      api.failNext(Fault.HTTP_500, 1);
      api.failNext(Fault.DROP, 1);
      reporter().report(List.of(event(0, true, 42)));
      reporter().report(List.of(event(1, true, 43), event(1, false, 44)));
    } finally {
      httpLog.setLevel(before);
      root.detachAppender(lines);
    }
    List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages)
        .anySatisfy(m -> assertThat(m).contains("POST " + api.uri() + "/api/usageEvent"))
        .anySatisfy(m -> assertThat(m).startsWith("<-- 500"))
        .anySatisfy(m -> assertThat(m).contains("/api/batchUsageEvent"))
        .allSatisfy(
            m ->
                assertThat(m)
                    .doesNotContain("metering-token", "Bearer", "api-version", "?")
                    .doesNotContain(EXTENSION, "quantity", "standard"));
  }

  @Test
  void missingResourceIdIsTransient() {
    AzureMeteringReporter reporter =
        reporter(
            () -> {
              throw new ResourceIdUnavailableException("no resource id", null);
            },
            TestBilling.http());
    assertThat(reporter.report(List.of(event(0, true, 1))))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("resource_id"));
  }
}
