package io.vigil.catalog;

/** A configuration item (CI) that supports a service: an application, a database, a device. */
public record ConfigurationItem(
    String id, String name, String type, String service, Criticality criticality) {}
