package io.vigil.security;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/**
 * Collects the grants Vigil needs, then writes each (group, resource) once: an existing grant is
 * widened, never duplicated, so every start of every node can run the same setup. Collecting first
 * matters because grants written in one engine command are not visible to its queries until flushed.
 */
class EngineAuthorizations {

  static final String ANY = Authorization.ANY;

  private record Target(String groupId, Resource resource, String resourceId) {}

  private final AuthorizationService authorizationService;
  private final Map<Target, Set<Permission>> grants = new LinkedHashMap<>();

  EngineAuthorizations(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  void grantGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
    grants.computeIfAbsent(new Target(groupId, resource, resourceId), t -> new LinkedHashSet<>())
        .addAll(Arrays.asList(permissions));
  }

  void apply() {
    grants.forEach((target, permissions) -> {
      Authorization existing = authorizationService.createAuthorizationQuery()
          .authorizationType(Authorization.AUTH_TYPE_GRANT)
          .groupIdIn(target.groupId())
          .resourceType(target.resource())
          .resourceId(target.resourceId())
          .singleResult();
      if (existing != null && permissions.stream().allMatch(existing::isPermissionGranted)) {
        return;
      }
      Authorization grant = existing != null
          ? existing
          : authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(target.groupId());
      grant.setResource(target.resource());
      grant.setResourceId(target.resourceId());
      permissions.forEach(grant::addPermission);
      authorizationService.saveAuthorization(grant);
    });
    grants.clear();
  }
}
