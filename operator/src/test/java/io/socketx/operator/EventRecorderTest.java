package io.socketx.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.socketx.crd.SocketXProxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {
  static KubernetesClient client;

  static RetryInfo attempt(int count, boolean last) {
    return new RetryInfo() {
      @Override
      public int getAttemptCount() {
        return count;
      }

      @Override
      public boolean isLastAttempt() {
        return last;
      }
    };
  }

  static List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  @Test
  void recordsWarningOnTheInvolvedResource() {
    SocketXProxy proxy = client.resource(Fixtures.proxy("events", "edge")).create();
    new EventRecorder(client).warning(proxy, "ConfigTooLarge", "too large");
    assertThat(events("events"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo("ConfigTooLarge");
              assertThat(e.getInvolvedObject().getKind()).isEqualTo("SocketXProxy");
              assertThat(e.getInvolvedObject().getUid()).isEqualTo(proxy.getMetadata().getUid());
              assertThat(e.getSource().getComponent()).isEqualTo("socketx-operator");
            });
  }

  @Test
  void reconcileFailureIsRecordedOnFirstAndLastAttemptOnly() {
    SocketXProxy proxy = client.resource(Fixtures.proxy("failures", "edge")).create();
    EventRecorder recorder = new EventRecorder(client);
    recorder.reconcileFailed(proxy, Optional.empty(), new IllegalStateException("boom"));
    recorder.reconcileFailed(
        proxy, Optional.of(attempt(2, false)), new IllegalStateException("boom"));
    recorder.reconcileFailed(
        proxy, Optional.of(attempt(5, true)), new IllegalStateException("x".repeat(5000)));
    List<Event> events = events("failures");
    assertThat(events)
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.getReason()).isEqualTo("ReconcileFailed"));
    assertThat(events).anySatisfy(e -> assertThat(e.getMessage()).hasSizeLessThan(1100));
  }
}
