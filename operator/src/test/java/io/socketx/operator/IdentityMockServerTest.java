package io.socketx.operator;

import static io.socketx.operator.OperatorMockServerTest.condition;
import static io.socketx.operator.OperatorMockServerTest.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.socketx.crd.IdentitySpec;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import io.socketx.crd.TlsSpec;
import io.socketx.operator.model.TestCertificates;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identity keys and TLS Secrets against the fabric8 mock API server, on a clock the test moves:
 * rotations step when the test says the overlap has passed, not when a wall clock does.
 */
@EnableKubernetesMockClient(crud = true)
class IdentityMockServerTest {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static Operator operator;
  static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
  static final SecureRandom RANDOM = new SecureRandom();
  static final AtomicInteger NUDGES = new AtomicInteger();

  /** A clock that stands still until the test moves it. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @BeforeAll
  static void startOperator() throws IOException {
    OperatorMockServerTest.servePdbApi(server, "policy/v1");
    OperatorMockServerTest.loadCrds(client);
    OperatorConfig config =
        new OperatorConfig(
            "registry.test/socketx-proxy:test",
            Set.of(),
            "cluster.local",
            4096,
            false,
            "socketx-operator",
            "default",
            0,
            false);
    operator =
        SocketXOperator.create(
            client,
            config,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            new LeadershipGuard(() -> {}),
            CLOCK);
    operator.start();
  }

  @AfterAll
  static void stopOperator() {
    operator.stop();
  }

  /**
   * Makes the operator look at the proxy now: a label change on a route that points at it is an
   * event the proxy's controller receives (the real operator wakes up on its own schedule).
   */
  static void nudge(String ns, String proxy) {
    SocketXRoute route =
        Fixtures.route(ns, "nudge", proxy, "ws://nudge:8080", "nudge." + ns + ".example.com");
    route.getMetadata().setLabels(Map.of("nudge", String.valueOf(NUDGES.incrementAndGet())));
    client.resource(route).createOr(r -> r.patch());
  }

  static Deployment awaitDeployment(String ns) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> client.apps().deployments().inNamespace(ns).withName("edge").get(),
            d -> d != null);
  }

  static SocketXProxy awaitProxy(String ns, String name, Predicate<SocketXProxy> check) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> client.resources(SocketXProxy.class).inNamespace(ns).withName(name).get(),
            p -> p != null && p.getStatus() != null && check.test(p));
  }

  static Predicate<SocketXProxy> hasCondition(String type, String status, String reason) {
    return p ->
        condition(p.getStatus().getConditions(), type)
            .filter(c -> c.getStatus().equals(status) && c.getReason().equals(reason))
            .isPresent();
  }

  static IdentityKeys secretKeys(String ns, String name) {
    Secret secret = client.secrets().inNamespace(ns).withName(name).get();
    return IdentityKeys.parsePem(
        new String(
            Base64.getDecoder().decode(secret.getData().get("identity.pem")),
            StandardCharsets.US_ASCII));
  }

  static List<Event> events(String ns) {
    return client.v1().events().inNamespace(ns).list().getItems();
  }

  static String template(String ns, String name) {
    Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
    return Serialization.asJson(d.getSpec().getTemplate());
  }

  /** Every line of base64 inside the PEM blocks of {@code pem}: what must never leak. */
  static List<String> keyLines(String pem) {
    return pem.lines().filter(l -> !l.startsWith("-----") && !l.isBlank()).toList();
  }

  static void assertNoKeyMaterialIn(String ns, String proxy, IdentityKeys keys) {
    String status =
        Serialization.asJson(
            client.resources(SocketXProxy.class).inNamespace(ns).withName(proxy).get());
    String eventText = Serialization.asJson(events(ns));
    String configMap =
        Serialization.asJson(
            client.configMaps().inNamespace(ns).withName(proxy + "-identity").get());
    for (String line : keyLines(keys.toPem())) {
      assertThat(status).doesNotContain(line);
      assertThat(eventText).doesNotContain(line);
      assertThat(configMap).doesNotContain(line);
    }
  }

  @Test
  void aProxyGetsAGeneratedKeyMountedInEveryReplicaAndItsFingerprintPublished() {
    String ns = "identity";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    SocketXProxy proxy = awaitProxy(ns, "edge", p -> p.getStatus().getIdentity() != null);

    IdentityKeys keys = secretKeys(ns, "edge-identity");
    String fingerprint = keys.fingerprints().get(0).toString();
    assertThat(keys.keys()).hasSize(1);
    assertThat(proxy.getStatus().getIdentity().getCurrent()).isEqualTo(fingerprint);
    assertThat(proxy.getStatus().getIdentity().getPhase()).isEqualTo("Stable");
    assertThat(proxy.getStatus().getIdentity().getConfigMapName()).isEqualTo("edge-identity");
    assertThat(hasCondition("IdentityReady", "True", "KeyServed")).accepts(proxy);

    Secret secret = client.secrets().inNamespace(ns).withName("edge-identity").get();
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(proxy.getMetadata().getUid()));

    ConfigMap published = client.configMaps().inNamespace(ns).withName("edge-identity").get();
    assertThat(published.getData())
        .containsEntry("current", fingerprint)
        .containsEntry("pins", fingerprint)
        .containsKey("current.pub.pem")
        .doesNotContainKey("next");
    assertThat(published.getData().get("current.pub.pem")).startsWith("-----BEGIN PUBLIC KEY-----");

    Deployment deployment = awaitDeployment(ns);
    assertThat(env(deployment))
        .containsEntry("IDENTITY_KEY_FILE", "/etc/socketx/identity/identity.pem");
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("edge-identity"));
    assertThat(events(ns)).extracting(Event::getReason).contains("IdentityKeyCreated");
    assertNoKeyMaterialIn(ns, "edge", keys);
  }

  @Test
  void aRotationPublishesPromotesAndDropsOnTheClockWithoutRollingThePods() {
    String ns = "rotation";
    SocketXProxy created = Fixtures.proxy(ns, "edge");
    IdentitySpec identity = new IdentitySpec();
    identity.setRotationOverlap("1h");
    created.getSpec().setIdentity(identity);
    client.resource(created).create();
    String old =
        awaitProxy(ns, "edge", p -> p.getStatus().getIdentity() != null)
            .getStatus()
            .getIdentity()
            .getCurrent();
    awaitDeployment(ns);
    String podTemplate = template(ns, "edge");

    client
        .resources(SocketXProxy.class)
        .inNamespace(ns)
        .withName("edge")
        .patch(OperatorMockServerTest.MERGE, "{\"spec\":{\"identity\":{\"rotate\":\"r1\"}}}");
    SocketXProxy published =
        awaitProxy(ns, "edge", hasCondition("IdentityRotating", "True", "NextKeyPublished"));
    String next = published.getStatus().getIdentity().getNext();
    assertThat(published.getStatus().getIdentity().getCurrent()).isEqualTo(old);
    assertThat(next).isNotNull().isNotEqualTo(old);
    assertThat(published.getStatus().getIdentity().getNextStepAt())
        .isEqualTo(CLOCK.instant().plus(Duration.ofHours(1)).toString());
    assertThat(secretKeys(ns, "edge-identity").fingerprints())
        .extracting(Object::toString)
        .containsExactly(old, next);
    assertThat(client.configMaps().inNamespace(ns).withName("edge-identity").get().getData())
        .containsEntry("pins", old + " " + next)
        .containsEntry("next", next);

    nudge(ns, "edge");
    // nothing moves before the overlap has passed
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client
                        .resources(SocketXRoute.class)
                        .inNamespace(ns)
                        .withName("nudge")
                        .get()
                        .getStatus()
                    != null);
    assertThat(secretKeys(ns, "edge-identity").keys()).hasSize(2);
    assertThat(
            client
                .resources(SocketXProxy.class)
                .inNamespace(ns)
                .withName("edge")
                .get()
                .getStatus()
                .getIdentity()
                .getPhase())
        .isEqualTo("NextPublished");

    CLOCK.advance(Duration.ofHours(1));
    nudge(ns, "edge");
    SocketXProxy promoted =
        awaitProxy(ns, "edge", hasCondition("IdentityRotating", "True", "NextKeyPromoted"));
    assertThat(promoted.getStatus().getIdentity().getCurrent()).isEqualTo(next);
    assertThat(promoted.getStatus().getIdentity().getPrevious()).isEqualTo(old);
    assertThat(promoted.getStatus().getIdentity().getNext()).isNull();
    assertThat(secretKeys(ns, "edge-identity").fingerprints())
        .extracting(Object::toString)
        .containsExactly(next, old);

    CLOCK.advance(Duration.ofHours(1));
    nudge(ns, "edge");
    SocketXProxy done =
        awaitProxy(ns, "edge", hasCondition("IdentityRotating", "False", "NoRotation"));
    assertThat(done.getStatus().getIdentity().getCurrent()).isEqualTo(next);
    assertThat(done.getStatus().getIdentity().getPrevious()).isNull();
    assertThat(done.getStatus().getIdentity().getPhase()).isEqualTo("Stable");
    assertThat(secretKeys(ns, "edge-identity").fingerprints())
        .extracting(Object::toString)
        .containsExactly(next);

    assertThat(events(ns))
        .extracting(Event::getReason)
        .contains("IdentityRotationStarted", "IdentityKeyPromoted", "IdentityRotationCompleted");
    assertThat(template(ns, "edge"))
        .as("the proxy reloads the key file: no step of a rotation rolls the pods")
        .isEqualTo(podTemplate);
  }

  static Stream<Arguments> ownSecrets() {
    IdentityKey first = IdentityKey.generate(RANDOM);
    IdentityKey second = IdentityKey.generate(RANDOM);
    return Stream.of(
        Arguments.of("missing", null, "False", "SecretMissing", "does not exist"),
        Arguments.of(
            "wrong-key-name",
            Map.of("key.pem", IdentityKeys.of(first).toPem()),
            "False",
            "SecretInvalid",
            "has no key identity.pem"),
        Arguments.of(
            "not-pem",
            Map.of("identity.pem", "hello"),
            "False",
            "SecretInvalid",
            "holds no \"-----BEGIN PRIVATE KEY-----\" block"),
        Arguments.of(
            "certificate-block",
            Map.of(
                "identity.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
            "False",
            "SecretInvalid",
            "\"CERTIFICATE\" block"),
        Arguments.of(
            "two-keys",
            Map.of("identity.pem", IdentityKeys.of(first, second).toPem()),
            "True",
            "KeyServed",
            first.fingerprint().toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownSecrets")
  void anOwnSecretIsCheckedAndAProblemIsAConditionNamingIt(
      String name, Map<String, String> data, String status, String reason, String messagePart) {
    String ns = "own-" + name;
    if (data != null) {
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("my-key")
                  .withNamespace(ns)
                  .endMetadata()
                  .withStringData(data)
                  .build())
          .create();
    }
    SocketXProxy proxy = Fixtures.proxy(ns, "edge");
    IdentitySpec identity = new IdentitySpec();
    identity.setSecretName("my-key");
    proxy.getSpec().setIdentity(identity);
    client.resource(proxy).create();

    SocketXProxy checked = awaitProxy(ns, "edge", hasCondition("IdentityReady", status, reason));
    assertThat(
            condition(checked.getStatus().getConditions(), "IdentityReady")
                .orElseThrow()
                .getMessage())
        .contains(messagePart);
    Deployment deployment = awaitDeployment(ns);
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("my-key"));
    assertThat(client.secrets().inNamespace(ns).withName("edge-identity").get())
        .as("no key is generated beside the user's")
        .isNull();
    if ("True".equals(status)) {
      assertThat(checked.getStatus().getIdentity().getPhase()).isEqualTo("External");
      assertThat(checked.getStatus().getIdentity().getNext()).isNotNull();
      assertThat(hasCondition("IdentityRotating", "False", "RotationNotManaged")).accepts(checked);
    } else {
      assertThat(events(ns)).extracting(Event::getReason).contains(reason);
    }
  }

  @Test
  void aMissingOwnSecretIsPickedUpOnceCreated() {
    String ns = "own-later";
    SocketXProxy proxy = Fixtures.proxy(ns, "edge");
    IdentitySpec identity = new IdentitySpec();
    identity.setSecretName("later");
    proxy.getSpec().setIdentity(identity);
    client.resource(proxy).create();
    awaitProxy(ns, "edge", hasCondition("IdentityReady", "False", "SecretMissing"));

    IdentityKeys keys = IdentityKeys.of(IdentityKey.generate(RANDOM));
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("later")
                .withNamespace(ns)
                .endMetadata()
                .withStringData(Map.of("identity.pem", keys.toPem()))
                .build())
        .create();
    nudge(ns, "edge");
    SocketXProxy ready = awaitProxy(ns, "edge", hasCondition("IdentityReady", "True", "KeyServed"));
    assertThat(ready.getStatus().getIdentity().getCurrent())
        .isEqualTo(keys.fingerprints().get(0).toString());
    assertNoKeyMaterialIn(ns, "edge", keys);
  }

  @Test
  void tlsSecretIsCheckedAndItsRenewalLeavesThePodsAlone() throws Exception {
    String ns = "tls";
    SocketXProxy proxy = Fixtures.proxy(ns, "edge");
    TlsSpec tls = new TlsSpec();
    tls.setSecretName("edge-tls");
    proxy.getSpec().setTls(tls);
    client.resource(proxy).create();
    SocketXProxy missing =
        awaitProxy(ns, "edge", hasCondition("TLSReady", "False", "SecretMissing"));
    assertThat(
            condition(missing.getStatus().getConditions(), "TLSReady").orElseThrow().getMessage())
        .contains("edge-tls");
    Deployment deployment = awaitDeployment(ns);
    assertThat(env(deployment))
        .containsEntry("TLS_CERT_FILE", "/etc/socketx/tls/tls.crt")
        .containsEntry("TLS_KEY_FILE", "/etc/socketx/tls/tls.key");
    String podTemplate = template(ns, "edge");

    TestCertificates first =
        TestCertificates.selfSigned("edge.example.com", CLOCK.instant().plus(Duration.ofDays(90)));
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("edge-tls")
                .withNamespace(ns)
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(first.secretData())
                .build())
        .create();
    nudge(ns, "edge");
    awaitProxy(ns, "edge", hasCondition("TLSReady", "True", "CertificateLoaded"));

    // cert-manager renews: same Secret, new certificate
    TestCertificates renewed =
        TestCertificates.selfSigned("edge.example.com", CLOCK.instant().plus(Duration.ofDays(180)));
    Secret secret = client.secrets().inNamespace(ns).withName("edge-tls").get();
    secret.setData(renewed.secretData());
    client.resource(secret).update();
    nudge(ns, "edge");
    awaitProxy(
        ns,
        "edge",
        p ->
            condition(p.getStatus().getConditions(), "TLSReady")
                .filter(
                    c ->
                        c.getMessage()
                            .contains(CLOCK.instant().plus(Duration.ofDays(180)).toString()))
                .isPresent());
    assertThat(template(ns, "edge")).isEqualTo(podTemplate);
  }
}
