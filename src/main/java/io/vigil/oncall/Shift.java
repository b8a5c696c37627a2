package io.vigil.oncall;

import java.time.Instant;

/**
 * One person on call in one layer from {@code start} until {@code end}: a slot of the rota, or the
 * part of it an override leaves, or an override ({@code override} its id, else null).
 */
record Shift(Layer layer, String user, Instant start, Instant end, Long override) {}
