package dev.smallfirst.demo;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Guards the architecture rule that no two packages of the project depend on each other, directly
 * or through others. It reads the compiled main classes of every project module (the demo depends
 * on all of them, on {@code training} in test scope for this check), so a cycle anywhere below
 * {@code dev.smallfirst} fails the build here.
 */
class PackageCyclesTest {
  /** Packages that must be among those read, so the check can never pass on nothing. */
  private static final Set<String> MUST_READ =
      Set.of(
          "dev.smallfirst.demo",
          "dev.smallfirst.loadtest",
          "dev.smallfirst.topology",
          "dev.smallfirst.topology.aggregate",
          "dev.smallfirst.worker",
          "dev.smallfirst.frontier",
          "dev.smallfirst.models",
          "dev.smallfirst.schemas.stages",
          "dev.smallfirst.records",
          "dev.smallfirst.training",
          "dev.smallfirst.eval",
          "dev.smallfirst.runtime.kafka");

  @Test
  void shouldHaveNoPackageCycles() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.smallfirst");

    Set<String> read = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    assertThat(read).containsAll(MUST_READ);
    slices().matching("dev.smallfirst.(**)").should().beFreeOfCycles().check(classes);
  }
}
