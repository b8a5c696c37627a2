package io.vigil.incident;

/**
 * An incident as monitoring sees it, read with its row locked until the caller's transaction ends:
 * the alerts of one incident are recorded one after the other, so that "the last one resolved" is
 * seen exactly once. {@code worked}: an analyst has acknowledged it.
 */
public record HeldIncident(long id, String number, IncidentState state, boolean worked, String resolverGroup) {

  public boolean open() {
    return state.isOpen();
  }
}
