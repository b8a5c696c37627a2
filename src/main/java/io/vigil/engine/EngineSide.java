package io.vigil.engine;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** Everything but the workers: engine, tickets, API, security. Not loaded in the {@code workers} role (RoleSides). */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
    basePackages = "io.vigil",
    excludeFilters = {
      @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.vigil\\.workers\\..*"),
      @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.vigil\\.[A-Za-z]+")
    })
public class EngineSide {}
