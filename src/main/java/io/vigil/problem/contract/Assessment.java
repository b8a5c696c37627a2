package io.vigil.problem.contract;

/** The problem managers' first decision. */
public enum Assessment {
  ACCEPT,
  /** Not a problem: closed with the reason, its incidents unlinked. */
  REJECT
}
