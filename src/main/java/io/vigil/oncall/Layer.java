package io.vigil.oncall;

/** A rota's two lines of people: the primary is paged first, the secondary when the primary does not answer. */
public enum Layer {
  PRIMARY,
  SECONDARY
}
