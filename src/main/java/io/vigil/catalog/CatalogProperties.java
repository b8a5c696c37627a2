package io.vigil.catalog;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/** {@code vigil.catalog.*}: where the operator keeps the service catalog file. */
@Validated
@ConfigurationProperties("vigil.catalog")
public record CatalogProperties(@NotNull Resource location) {}
