package io.vigil.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application as it runs on a laptop ({@code vigil.role=all}, demo users): engine, API,
 * webapps and the workers talking to the engine over HTTP, mailing to the tests' {@link Mailbox} and
 * posting to their {@link WebhookReceiver}. One context, shared by every test that uses this annotation. Metrics export stays on (Spring Boot turns it off in tests) because the
 * Prometheus endpoint is part of what is tested. The search indexes look for what other nodes wrote
 * every second, so that the tests that write as another node would wait less. Queue digests go only
 * when a test sends them (QueueDigestIT): the scheduled look waits a day.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {"vigil.test.context=app", "vigil.role=all", "vigil.intake.storm.max-incidents-per-minute=20",
        "vigil.knowledge.refresh-interval=PT1S", "vigil.notifications.queue-digest.interval=P1D"})
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false)
@Import(TestClockConfiguration.class)
@ContextConfiguration(initializers = {TestDatabase.class, FreePort.class, TestCluster.class, WebhookReceiver.class, Mailbox.class})
@ExtendWith(TestDatabase.class)
public @interface VigilTest {}
