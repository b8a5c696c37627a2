package io.vigil.notify;

/** A user as notifications see them: who, and where to write; {@code email} is null when none is recorded. */
public record Person(String id, String name, String email) {}
