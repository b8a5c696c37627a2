package io.vigil.workers.notify;

/** A person a mail goes to: the address, and the name when Vigil knows it (empty for a caller known by address only). */
record Recipient(String address, String name) {}
