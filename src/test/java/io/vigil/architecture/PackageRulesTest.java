package io.vigil.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lines the code keeps, so that the same jar runs as engine, as workers or as both, and a new
 * process can build on the ticket core:
 *
 * <ul>
 *   <li>workers import only their own packages and the processes' contracts ({@code *.contract}:
 *       ids, topics, variables, messages, error codes, the enums that travel as variables), and the
 *       engine side never imports the workers; only the composition root ({@code io.vigil}) knows
 *       both;
 *   <li>contracts import nothing but the JDK and other contracts;
 *   <li>the feature packages do not depend on each other in a cycle, and the ticket core knows no
 *       process;
 *   <li>tests cross the line only as the code does: a worker's test reaches the engine side through
 *       the contracts (and the shared test application), an engine-side test uses of the workers only
 *       their pure logic (classes that import nothing but the JDK and the contracts).
 * </ul>
 */
class PackageRulesTest {

  private static final String WORKERS = "io.vigil.workers..";
  private static final String CONTRACTS = "io.vigil.*.contract..";
  private static final String TEST_SUPPORT = "io.vigil.testing..";

  private static final DescribedPredicate<JavaClass> VIGIL = resideInAPackage("io.vigil..");
  private static final DescribedPredicate<JavaClass> WORKER = resideInAPackage(WORKERS);
  private static final DescribedPredicate<JavaClass> ENGINE_SIDE =
      VIGIL.and(not(WORKER)).and(not(resideInAPackage("io.vigil"))).as("the engine side");
  private static final DescribedPredicate<JavaClass> PURE_LOGIC = DescribedPredicate.describe("pure logic",
      type -> type.getDirectDependenciesFromSelf().stream()
          .map(dependency -> dependency.getTargetClass().getBaseComponentType())
          .allMatch(target -> target.getPackageName().startsWith("java.") || target.isPrimitive()
              || resideInAnyPackage(CONTRACTS).test(target) || target.getName().startsWith(type.getName())
              || type.getName().startsWith(target.getName() + "$")));

  private static final DescribedPredicate<JavaClass> TEST_CODE = DescribedPredicate.describe("test code",
      type -> type.getSource().map(source -> source.getUri().toString().contains("/test-classes/")).orElse(false));

  private static JavaClasses main;
  private static JavaClasses all;

  @BeforeAll
  static void importClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.vigil");
    all = new ClassFileImporter().importPackages("io.vigil");
  }

  @Test
  void workersImportOnlyTheirOwnPackagesAndTheContracts() {
    noClasses().that(WORKER)
        .should().dependOnClassesThat(VIGIL.and(not(resideInAnyPackage(WORKERS, CONTRACTS))))
        .because("workers reach the engine only through its REST API, in a pod of their own")
        .check(main);
  }

  @Test
  void theEngineSideNeverImportsTheWorkers() {
    noClasses().that(ENGINE_SIDE)
        .should().dependOnClassesThat(WORKER)
        .because("an engine node runs without the workers; only io.vigil composes the two sides")
        .check(main);
  }

  @Test
  void contractsImportNothingButTheJdkAndOtherContracts() {
    classes().that().resideInAPackage(CONTRACTS)
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CONTRACTS)
        .because("a worker imports them, and through them must reach nothing of the engine side")
        .check(main);
  }

  @Test
  void featurePackagesAreFreeOfCycles() {
    slices().matching("io.vigil.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void theTicketCoreKnowsNoProcess() {
    noClasses().that().resideInAPackage("io.vigil.ticket..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vigil.incident..", "io.vigil.intake..", "io.vigil.problem..")
        .because("incident, problem and change all build on it")
        .check(main);
  }

  @Test
  void workerTestsReachTheEngineSideOnlyThroughTheContracts() {
    noClasses().that(TEST_CODE.and(WORKER))
        .should().dependOnClassesThat(VIGIL.and(not(resideInAnyPackage(WORKERS, CONTRACTS, TEST_SUPPORT))))
        .because("they test what a worker pod does, which sees the engine only through its APIs")
        .check(all);
  }

  @Test
  void engineSideTestsUseOnlyTheWorkersPureLogic() {
    noClasses().that(TEST_CODE.and(ENGINE_SIDE))
        .should().dependOnClassesThat(WORKER.and(not(PURE_LOGIC)))
        .because("a process test plays the workers' part by their topic contract")
        .check(all);
  }
}
