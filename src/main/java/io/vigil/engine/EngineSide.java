package io.vigil.engine;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** Everything but the workers: engine, tickets, API, security. Off in the {@code workers} role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${vigil.role:all}'.toLowerCase() != 'workers'")
@ComponentScan(
    basePackages = "io.vigil",
    excludeFilters = {
      @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.vigil\\.workers\\..*"),
      @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.vigil\\.[A-Za-z]+")
    })
public class EngineSide {}
