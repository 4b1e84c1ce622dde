package io.github.kubestashmetrics.testkit;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example of the module README, written as a downstream project would write it. */
class ReadmeExampleTest {

  @RegisterExtension static final KubeStashMockServer server = new KubeStashMockServer();

  @Test
  void phaseOfEveryBackupSessionTheInformerSeesIsExposed() {
    server.create(
        KubeStashFixtures.backupSession("demo", "nightly-1")
            .invoker("BackupConfiguration", "nightly")
            .phase("Succeeded")
            .duration("1m5s")
            .build());
    server.create(new KubeStashGenerators(42).backupSessionFixture().phase("Failed").build());

    // inform() returns once the initial list is in the informer's store.
    try (SharedIndexInformer<BackupSession> informer =
        server.client().resources(BackupSession.class).inAnyNamespace().inform()) {

      // Stand-in for the code under test: one series per object the informer holds.
      String text =
          "# TYPE core_kubestash_com_backupsession_phase gauge\n"
              + informer.getStore().list().stream()
                  .map(
                      s ->
                          "core_kubestash_com_backupsession_phase{backupsession=\""
                              + escape(s.getMetadata().getName())
                              + "\",namespace=\""
                              + escape(s.getMetadata().getNamespace())
                              + "\",phase=\""
                              + escape(s.getStatus().getPhase())
                              + "\"} 1\n")
                  .collect(Collectors.joining());

      MetricsAssert.assertThat(text)
          .isValid()
          .familyCount("core_kubestash_com_backupsession_phase", 2)
          .hasSeries(
              "core_kubestash_com_backupsession_phase",
              Map.of("backupsession", "nightly-1", "namespace", "demo", "phase", "Succeeded"),
              1);
    }
  }

  private static String escape(String labelValue) {
    return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
