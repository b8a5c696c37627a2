package io.vigil.problem;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The incident to link to a problem. */
public record LinkIncidentRequest(@Schema(example = "INC-000042") @NotNull @Pattern(regexp = "INC-\\d{6}") String incident) {}
