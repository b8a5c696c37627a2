package io.vigil.change;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An incident the change caused. */
public record CausedIncidentRequest(@NotNull @Pattern(regexp = "INC-\\d{6}") String incident) {}
