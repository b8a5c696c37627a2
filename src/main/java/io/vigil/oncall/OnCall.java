package io.vigil.oncall;

import java.time.Instant;

/**
 * Who is on call for a resolver group at an instant, and over which stretch of time that answer
 * holds: {@code [from, until)} is the largest interval around the instant in which neither the
 * primary nor the secondary changes, inside the rota's slot (a handover always ends it, even when
 * the same people go on). Overrides end it only where they change who is on call.
 *
 * <p>{@code secondary} is null when the rota has no secondary layer and no override fills it.
 * Before the rota's first handover nobody is on call: {@code primary} and {@code secondary} are
 * null (unless an override names someone), {@code from} is null (no start) and {@code until} is the
 * first handover or the next override edge.
 */
public record OnCall(String group, String primary, String secondary, Instant from, Instant until) {}
