package io.github.kubestashmetrics.metrics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The library's three layers and their one direction: the language ({@code metrics.language}:
 * paths, expressions, functions, compiler, compiled metrics, problems) uses nothing above it;
 * rendering ({@code metrics}: catalogue, tables, lines, store, writer, descriptors) uses the
 * language; planning ({@code metrics.plan}) sits above both. {@code metrics.internal..} is below
 * all three and uses none of them. Each rule is also shown to fail on a deliberately bad fixture.
 */
class LayeringTest {

  private static final String ROOT = "io.github.kubestashmetrics.metrics";

  /** Every main class of the library, by layer; anything else is not assigned. */
  static final SliceAssignment LAYERS =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String layer = layerOf(javaClass.getPackageName());
          return layer == null ? SliceIdentifier.ignore() : SliceIdentifier.of(layer);
        }

        @Override
        public String getDescription() {
          return "the library's layers (internal, language, rendering, plan)";
        }
      };

  static String layerOf(String packageName) {
    if (packageName.equals(ROOT)) {
      return "rendering";
    }
    for (String layer : new String[] {"internal", "language", "plan"}) {
      String prefix = ROOT + "." + layer;
      if (packageName.equals(prefix) || packageName.startsWith(prefix + ".")) {
        return layer;
      }
    }
    return null;
  }

  static final ArchRule LAYERS_ARE_FREE_OF_CYCLES =
      slices().assignedFrom(LAYERS).should().beFreeOfCycles();

  static final ArchRule LANGUAGE_USES_NOTHING_ABOVE_IT =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".language..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT, ROOT + ".plan..");

  static final ArchRule RENDERING_DOES_NOT_USE_THE_PLAN =
      noClasses()
          .that()
          .resideInAPackage(ROOT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + ".plan..");

  static final ArchRule INTERNAL_USES_NO_LAYER =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".internal..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT, ROOT + ".language..", ROOT + ".plan..");

  private static JavaClasses mainClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  /** The main classes and the bad fixture, nothing else of the tests. */
  private static JavaClasses mainClassesAndTheBadFixture() {
    ImportOption mainOrFixture =
        location ->
            ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
                || location.contains("layeringfixture");
    return new ClassFileImporter().withImportOption(mainOrFixture).importPackages(ROOT);
  }

  @Test
  void theLayersOfTheMainCodeAreFreeOfCyclesAndPointOneWay() {
    JavaClasses classes = mainClasses();
    assertThat(classes.stream().map(c -> layerOf(c.getPackageName())).distinct())
        .containsExactlyInAnyOrder("internal", "language", "rendering", "plan");
    LAYERS_ARE_FREE_OF_CYCLES.check(classes);
    LANGUAGE_USES_NOTHING_ABOVE_IT.check(classes);
    RENDERING_DOES_NOT_USE_THE_PLAN.check(classes);
    INTERNAL_USES_NO_LAYER.check(classes);
  }

  @Test
  void aLanguageClassUsingTheRenderingLayerBreaksTheRules() {
    JavaClasses classes = mainClassesAndTheBadFixture();
    EvaluationResult cycles = LAYERS_ARE_FREE_OF_CYCLES.evaluate(classes);
    assertThat(cycles.hasViolation()).isTrue();
    assertThat(cycles.getFailureReport().toString())
        .contains("language")
        .contains("rendering")
        .contains("LanguageClassUsingRendering");
    EvaluationResult direction = LANGUAGE_USES_NOTHING_ABOVE_IT.evaluate(classes);
    assertThat(direction.hasViolation()).isTrue();
    assertThat(direction.getFailureReport().getDetails())
        .allMatch(line -> line.contains("LanguageClassUsingRendering"));
  }
}
