package io.vigil.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A process test: the engine with the real models, ticket listeners and database, but no workers,
 * no job executor, no SLA firing, no scheduled look at the runtime tables' statistics or the queue
 * digest, and no problems opened by recurrence (its scenarios run with the whole application,
 * ProblemRecurrenceIT), so that the test plays their part itself, one step at a time,
 * and moves Vigil's clock ({@link TestClock}) to make SLA thresholds due. Process test coverage is
 * reported under target/process-test-coverage. The engine has a name of its own: Camunda keeps
 * engines in a JVM-wide registry by name, where the whole application's engine-rest, and so its
 * workers, would otherwise find this one when both contexts run in one JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigil.test.context=process", "vigil.role=engine", "camunda.bpm.process-engine-name=processtests",
        "camunda.bpm.job-execution.enabled=false",
        "vigil.sla.firing.enabled=false", "vigil.engine.runtime-statistics.enabled=false", "vigil.problems.recurrence.enabled=false",
        "vigil.notifications.queue-digest.interval=P1D"})
@ActiveProfiles("demo")
@ContextConfiguration(initializers = {TestDatabase.class, TestCluster.class})
@Import({ProcessEngineCoverageConfiguration.class, TestClockConfiguration.class})
@TestExecutionListeners(
    listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@ExtendWith(TestDatabase.class)
public @interface ProcessTest {}
