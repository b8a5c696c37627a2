package io.vigil.workers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The external-task workers. They reach the engine only through its REST API (the external task
 * client) and Vigil only through {@code /api}, so they run the same in-process or in their own pods.
 * Not loaded in the {@code engine} role (RoleSides).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.vigil.workers")
@EnableConfigurationProperties(WorkerProperties.class)
public class WorkerSide {}
