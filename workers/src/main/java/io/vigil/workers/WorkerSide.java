package io.vigil.workers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The external-task workers. They reach the engine only through its REST API (the external task
 * client) and Vigil only through {@code /api}, so they run the same in-process or in their own pods.
 * Off in the {@code engine} role.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${vigil.role:all}'.toLowerCase() != 'engine'")
@ComponentScan("io.vigil.workers")
@EnableConfigurationProperties(WorkerProperties.class)
public class WorkerSide {}
