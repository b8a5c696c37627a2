package io.vigil.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** The REST API's cross-cutting parts: body size limit and the OpenAPI description. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebConfiguration.ApiProperties.class)
class WebConfiguration {

  /** {@code vigil.api.*}. */
  @ConfigurationProperties("vigil.api")
  record ApiProperties(@DefaultValue("256KB") DataSize maxRequestSize) {}

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ApiProperties properties,
      ObjectProvider<RequestBodyLimitFilter.BodyLimit> limits) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
        new RequestBodyLimitFilter(properties.maxRequestSize().toBytes(), limits.orderedStream().toList()));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  OpenAPI vigilOpenApi() {
    return new OpenAPI()
        .info(new Info()
            .title("Vigil API")
            .version("1")
            .description("Incidents, the service catalog and their state; monitoring intake (Alertmanager, heartbeats)."
                + " Errors are RFC 9457 problem details."))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
