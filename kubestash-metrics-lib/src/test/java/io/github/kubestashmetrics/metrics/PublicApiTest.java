package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of the library (without its {@code internal} packages) and, in a listing of its
 * own, of the testkit — every public type and its public and protected members — is the checked-in
 * {@value #API_FILE}, so that changing it is a visible decision in a diff. When they differ the
 * test fails and prints both; after a deliberate change, regenerate the file with
 *
 * <pre>
 * mvn -B -ntp -o test -pl kubestash-metrics-lib -am -Dtest=PublicApiTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dkubestash.updateApi=true
 * </pre>
 *
 * (run in the project root) and commit it with the change.
 */
class PublicApiTest {

  static final String API_FILE = "public-api.txt";

  /** The testkit's own listing: a test-scope API, versioned apart from the library's. */
  static final String TESTKIT_API_FILE = "../kubestash-testkit/public-api.txt";

  private static final String LIBRARY = "io.github.kubestashmetrics.metrics";
  private static final String TESTKIT = "io.github.kubestashmetrics.testkit";

  @Test
  void publicApiIsTheCheckedInList() throws Exception {
    checkListing(publicApi(LIBRARY), API_FILE);
  }

  @Test
  void testkitApiIsItsOwnCheckedInList() throws Exception {
    checkListing(publicApi(TESTKIT), TESTKIT_API_FILE);
  }

  @Test
  void internalPackagesAndTheExpressionTreeStayOutOfTheLibraryApi() throws Exception {
    assertThat(publicApi(LIBRARY))
        .doesNotContain(".internal.")
        .doesNotContain("language.Expression")
        .doesNotContain("language.Function")
        .doesNotContain("language.CanonicalForm")
        .doesNotContain("testkit");
  }

  private static void checkListing(String actual, String fileName) throws Exception {
    Path file = Path.of(fileName);
    String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    if (!actual.equals(expected) && Boolean.getBoolean("kubestash.updateApi")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!actual.equals(expected)) {
      System.out.println(
          "The public API changed; if that is deliberate, regenerate "
              + fileName
              + " with -Dkubestash.updateApi=true (see PublicApiTest). Lines now:");
      System.out.println(diff(expected, actual));
    }
    assertThat(actual).as("public API vs %s", fileName).isEqualTo(expected);
  }

  @Test
  void internalsStayOutOfThePublicApi() throws Exception {
    assertThat(publicApi(LIBRARY))
        .doesNotContain("RenderedObject.writeSeries")
        .doesNotContain("RenderedObject.series(int)")
        .doesNotContain("RenderedObject.hasSeries")
        .doesNotContain("public io.github.kubestashmetrics.metrics.FamilyDescriptor(")
        .doesNotContain("FamilyDescriptor.index()");
  }

  /**
   * One block per public type of {@code root} and its sub-packages, sorted by name: its
   * declaration, then its members, sorted. Packages named {@code internal} are not API: public only
   * so that the library's own packages can share them.
   */
  static String publicApi(String root) throws ClassNotFoundException {
    List<Class<?>> types = new ArrayList<>();
    for (JavaClass javaClass :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(root)) {
      if ((javaClass.getPackageName() + ".").contains(".internal.")) {
        continue;
      }
      Class<?> type =
          Class.forName(javaClass.getName(), false, PublicApiTest.class.getClassLoader());
      if (isVisible(type)) {
        types.add(type);
      }
    }
    types.sort((a, b) -> a.getName().compareTo(b.getName()));
    StringBuilder out = new StringBuilder();
    for (Class<?> type : types) {
      out.append(declaration(type)).append('\n');
      TreeSet<String> members = new TreeSet<>();
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        addIfApi(members, constructor, constructor.toGenericString());
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isBridge()) {
          addIfApi(members, method, method.toGenericString());
        }
      }
      for (Field field : type.getDeclaredFields()) {
        addIfApi(members, field, field.toGenericString());
      }
      members.forEach(member -> out.append("  ").append(member).append('\n'));
    }
    return out.toString();
  }

  /** Public, and every enclosing type public too: reachable from outside the package. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static void addIfApi(TreeSet<String> members, Member member, String signature) {
    boolean visible =
        Modifier.isPublic(member.getModifiers())
            || (Modifier.isProtected(member.getModifiers())
                && !Modifier.isFinal(member.getDeclaringClass().getModifiers()));
    if (visible && !member.isSynthetic()) {
      members.add(signature);
    }
  }

  private static String declaration(Class<?> type) {
    String kind =
        type.isAnnotation()
            ? "@interface"
            : type.isInterface()
                ? "interface"
                : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
    int modifiers = type.getModifiers() & ~Modifier.INTERFACE & ~Modifier.ABSTRACT;
    if (!type.isInterface() && Modifier.isAbstract(type.getModifiers())) {
      modifiers |= Modifier.ABSTRACT;
    }
    if (type.isEnum() || type.isRecord()) {
      modifiers &= ~Modifier.FINAL & ~Modifier.STATIC;
    }
    StringBuilder out = new StringBuilder(Modifier.toString(modifiers));
    out.append(' ').append(kind).append(' ').append(type.getName());
    if (type.getTypeParameters().length > 0) {
      out.append(
          Stream.of(type.getTypeParameters())
              .map(PublicApiTest::typeParameter)
              .collect(Collectors.joining(", ", "<", ">")));
    }
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      out.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      out.append(type.isInterface() ? " extends " : " implements ")
          .append(
              Stream.of(interfaces)
                  .map(Type::getTypeName)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  private static String typeParameter(java.lang.reflect.TypeVariable<?> variable) {
    List<String> bounds =
        Stream.of(variable.getBounds())
            .filter(bound -> bound != Object.class)
            .map(Type::getTypeName)
            .toList();
    return bounds.isEmpty()
        ? variable.getName()
        : variable.getName() + " extends " + String.join(" & ", bounds);
  }

  private static String diff(String expected, String actual) {
    List<String> before = expected.lines().toList();
    List<String> after = actual.lines().toList();
    StringBuilder out = new StringBuilder();
    for (String line : after) {
      if (!before.contains(line)) {
        out.append("+ ").append(line).append('\n');
      }
    }
    for (String line : before) {
      if (!after.contains(line)) {
        out.append("- ").append(line).append('\n');
      }
    }
    return out.toString();
  }
}
