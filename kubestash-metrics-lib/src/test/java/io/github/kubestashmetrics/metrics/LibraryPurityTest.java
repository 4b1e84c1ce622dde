package io.github.kubestashmetrics.metrics;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.fabric8.kubernetes.client.CustomResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library is a pure mapping: model in, bytes or snapshots out. No Kubernetes client beyond the
 * model's base class, no I/O to files or network, no clock, threads or logging, no static mutable
 * state.
 */
class LibraryPurityTest {

  private static JavaClasses mainClasses;

  @BeforeAll
  static void importMainClasses() {
    mainClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.kubestashmetrics.metrics");
  }

  @Test
  void mainCodeDependsOnlyOnTheModelJacksonClientJavaModelAndTheJdk() {
    classes()
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(
                    "io.github.kubestashmetrics..",
                    "io.fabric8.kubernetes.api.model..",
                    "com.fasterxml.jackson..",
                    "io.prometheus.metrics.model..",
                    // RE2 in linear time for the expression language's =~ (pure: no I/O)
                    "com.google.re2j..",
                    "java..")
                .or(equivalentTo(CustomResource.class)))
        .check(mainClasses);
  }

  @Test
  void mainCodeUsesNoKubernetesClientBeyondCustomResource() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.fabric8.kubernetes.client..")
                .and(not(equivalentTo(CustomResource.class))))
        .check(mainClasses);
  }

  @Test
  void mainCodeDoesNoFileOrNetworkIoAndStartsNoThreads() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "java.net..",
                    "java.nio.file..",
                    "java.nio.channels..",
                    "java.util.concurrent..",
                    "java.util.logging..",
                    "org.slf4j..",
                    "org.apache.logging..")
                .or(resideInAPackage("java.io").and(simpleNameStartingWith("File")))
                .or(equivalentTo(Thread.class))
                .or(equivalentTo(ThreadLocal.class))
                .or(equivalentTo(Runtime.class))
                .or(equivalentTo(System.Logger.class))
                .or(equivalentTo(ProcessBuilder.class))
                .or(equivalentTo(java.time.Clock.class))
                .or(equivalentTo(java.time.Instant.class)))
        .check(mainClasses);
  }

  @Test
  void mainCodeReadsNoClockAndWritesNoConsole() {
    noClasses()
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "getProperty", String.class)
        .check(mainClasses);
  }

  @Test
  void mainCodeHasNoStaticMutableFields() {
    fields().that().areStatic().should().beFinal().check(mainClasses);
  }
}
