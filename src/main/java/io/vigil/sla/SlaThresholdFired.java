package io.vigil.sla;

import io.vigil.sla.SlaClock.Kind;

/**
 * Published once a threshold has fired and its transaction committed: the ticket's open tasks now
 * show a follow-up date that has passed.
 */
public record SlaThresholdFired(String ticket, Kind clock, int percent) {}
