package io.vigil.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * The REST API's cross-cutting parts: body size limit, how strictly bodies are read, problem details
 * for what Tomcat refuses itself, and the OpenAPI description.
 */
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

  /** Tomcat's own refusals of a URL under /api as problem details: its host reports errors with ApiErrorReportValve. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerRefusalsAsProblemDetails() {
    return factory -> factory.addContextCustomizers(context ->
        ((StandardHost) context.getParent()).setErrorReportValveClass(ApiErrorReportValve.class.getName()));
  }

  /**
   * Text comes as a JSON string: a number or a boolean where text is expected ({@code "title": 42})
   * is refused as a wrong type instead of being stored as "42". The rest of strict reading is set in
   * application.yaml ({@code spring.jackson.deserialization}).
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer textOnlyFromStrings() {
    return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
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
