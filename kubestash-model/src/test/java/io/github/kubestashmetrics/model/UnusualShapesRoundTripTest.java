package io.github.kubestashmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Objects the world writes that a strict model would choke on still load and round-trip. */
class UnusualShapesRoundTripTest {

  private static final String HEAD =
      """
      apiVersion: core.kubestash.com/v1alpha1
      kind: BackupSession
      metadata:
        name: nightly-1
        namespace: demo
      spec:
        invoker:
          kind: BackupConfiguration
          name: nightly
      """;

  private static JsonNode roundTrip(String yaml, Class<?> type) throws IOException {
    JsonNode input = RoundTrip.readYaml(yaml);
    JsonNode output = RoundTrip.through(input, type);
    assertThat(RoundTrip.equalIgnoringNulls(input, output))
        .as("round trip of%n%s%ngave %s", yaml, output)
        .isTrue();
    return output;
  }

  @Test
  void unknownPhaseIsKeptAsText() throws IOException {
    String yaml = HEAD + "status:\n  phase: SomethingNew\n";
    BackupSession session =
        RoundTrip.JSON.treeToValue(RoundTrip.readYaml(yaml), BackupSession.class);
    assertThat(session.getStatus().getPhase()).isEqualTo("SomethingNew");
    roundTrip(yaml, BackupSession.class);
  }

  @Test
  void nullStatusLoadsAsAbsentStatus() throws IOException {
    String yaml = HEAD + "status: null\n";
    BackupSession session =
        RoundTrip.JSON.treeToValue(RoundTrip.readYaml(yaml), BackupSession.class);
    assertThat(session.getStatus()).isNull();
    roundTrip(yaml, BackupSession.class);
  }

  @Test
  void missingStatusLoadsAsAbsentStatus() throws IOException {
    BackupSession session =
        RoundTrip.JSON.treeToValue(RoundTrip.readYaml(HEAD), BackupSession.class);
    assertThat(session.getStatus()).isNull();
    assertThat(session.getSpec().getInvoker().getName()).isEqualTo("nightly");
    roundTrip(HEAD, BackupSession.class);
  }

  @Test
  void unknownFieldsAtEveryLevelAreKept() throws IOException {
    String yaml =
        """
        apiVersion: storage.kubestash.com/v1alpha1
        kind: Snapshot
        someTopLevelField: {a: 1}
        metadata:
          name: repo-nightly-1
          namespace: demo
          futureMetadataField: x
        spec:
          repository: repo
          futureSpecField: [1, 2, {b: c}]
          appRef:
            name: app
            futureRefField: true
        status:
          phase: Succeeded
          size: 12.222 MiB
          futureStatusField: {nested: {deeper: 3.5}}
          conditions:
          - type: SnapshotMetadataUploaded
            status: "True"
            severity: Info
            observedGeneration: 3
            futureConditionField: yes-really
          components:
            dump:
              driver: Restic
              resticStats:
              - size: 1 B
        """;
    JsonNode output = roundTrip(yaml, Snapshot.class);
    Snapshot snapshot = RoundTrip.JSON.treeToValue(output, Snapshot.class);
    assertThat(snapshot.getStatus().getConditions().get(0).getObservedGeneration()).isEqualTo(3L);
    assertThat(snapshot.getStatus().getAdditionalProperties()).containsKeys("futureStatusField");
  }
}
