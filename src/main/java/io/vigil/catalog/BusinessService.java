package io.vigil.catalog;

import java.util.List;

/** An IT service the business consumes (ITIL service catalog entry). */
public record BusinessService(String id, String name, Criticality criticality, List<String> keywords) {}
