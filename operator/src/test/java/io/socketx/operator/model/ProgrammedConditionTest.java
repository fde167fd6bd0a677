package io.socketx.operator.model;

import static io.socketx.operator.Fixtures.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.socketx.contract.domainmap.DomainMapKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Programmed condition from the instances' heartbeat reports. */
class ProgrammedConditionTest {
  private static final String NOW = "2026-01-01T00:01:00Z";
  private static final Instant AT = Instant.parse(NOW);

  /** Reports: "current" or "old" hash, live or expired. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no instance reported", List.of(), "False", "NoInstances", ""),
        Arguments.of(
            "one instance, current",
            List.of("current"),
            "True",
            "AllInstancesProgrammed",
            "1 of 1"),
        Arguments.of(
            "two current",
            List.of("current", "current"),
            "True",
            "AllInstancesProgrammed",
            "2 of 2"),
        Arguments.of(
            "one still on the old map", List.of("current", "old"), "False", "Pending", "1 of 2"),
        Arguments.of(
            "only expired reports", List.of("expired-current"), "False", "NoInstances", ""),
        Arguments.of(
            "an expired old report does not hold it back",
            List.of("current", "expired-old"),
            "True",
            "AllInstancesProgrammed",
            "1 of 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void followsTheLiveReports(
      String name, List<String> kinds, String status, String reason, String message) {
    var plan = ProxyPlan.of(proxy("apps", "edge"), List.of(), StatusModelTest.DEFAULTS);
    String current = plan.document().sha256();
    List<InstanceReport> reports = new ArrayList<>();
    int i = 0;
    for (String kind : kinds) {
      boolean expired = kind.startsWith("expired-");
      String hash = kind.endsWith("current") ? current : "0".repeat(64);
      reports.add(
          new InstanceReport(
              "pod-" + i++, hash, expired ? AT.minusSeconds(1) : AT.plusSeconds(30)));
    }

    var result = ProxyStatusModel.status(plan, Optional.empty(), null, NOW, reports);

    Condition programmed = StatusModelTest.condition(result.getConditions(), "Programmed");
    assertThat(programmed.getStatus()).isEqualTo(status);
    assertThat(programmed.getReason()).isEqualTo(reason);
    assertThat(programmed.getMessage()).contains(message);
  }

  @Test
  void aHeartbeatLeaseBecomesAReportThatExpiresAfterItsDuration() {
    var lease =
        new LeaseBuilder()
            .withNewMetadata()
            .withName("edge-domain-map-pod-0")
            .addToAnnotations(DomainMapKeys.CONFIG_HASH_ANNOTATION, "abc")
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity("pod-0")
            .withLeaseDurationSeconds(30)
            .withRenewTime(ZonedDateTime.of(2026, 1, 1, 0, 0, 50, 0, ZoneOffset.UTC))
            .endSpec()
            .build();

    InstanceReport report = InstanceReport.of(lease).orElseThrow();

    assertThat(report)
        .isEqualTo(new InstanceReport("pod-0", "abc", Instant.parse("2026-01-01T00:01:20Z")));
    assertThat(report.liveAt(AT)).isTrue();
    assertThat(report.liveAt(Instant.parse("2026-01-01T00:01:20Z"))).isFalse();
  }

  @Test
  void aLeaseWithoutHolderOrRenewTimeIsNoReport() {
    assertThat(
            InstanceReport.of(
                new LeaseBuilder().withNewMetadata().endMetadata().withNewSpec().endSpec().build()))
        .isEmpty();
  }
}
