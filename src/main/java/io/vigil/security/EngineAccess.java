package io.vigil.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/**
 * A feature's share of the engine's access setup: the authorizations its process needs (who may
 * start it, read its history) and what it shares with groups, such as Tasklist filters. A new
 * process adds a bean of its own instead of editing the security package. {@link IdentitySetup}
 * runs every one at each start of every node, under the engine's startup lock, once the groups and
 * accounts exist.
 */
@FunctionalInterface
public interface EngineAccess {

  void setUp(ProcessEngine engine, Grants grants);

  /** Grants a group permissions on a resource; collected, then written once per group and resource. */
  @FunctionalInterface
  interface Grants {
    void grant(String groupId, Resource resource, String resourceId, Permission... permissions);
  }
}
