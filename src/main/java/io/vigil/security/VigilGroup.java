package io.vigil.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The groups Vigil knows. Resolver groups receive incidents; the others have a role in the processes. */
public enum VigilGroup {
  SERVICE_DESK("service-desk", "Service desk", Kind.RESOLVER),
  NETWORK("network", "Network", Kind.RESOLVER),
  DATABASE("database", "Database", Kind.RESOLVER),
  APPLICATION_SUPPORT("application-support", "Application support", Kind.RESOLVER),
  INFRASTRUCTURE("infrastructure", "Infrastructure", Kind.RESOLVER),
  SECURITY("security", "Security", Kind.RESOLVER),
  DEVELOPMENT("development", "Development", Kind.RESOLVER),
  INCIDENT_MANAGERS("incident-managers", "Incident managers", Kind.MANAGER),
  PROBLEM_MANAGERS("problem-managers", "Problem managers", Kind.MANAGER),
  CHANGE_MANAGERS("change-managers", "Change managers", Kind.MANAGER),
  CAB("cab", "Change advisory board", Kind.MANAGER),
  AUDITORS("auditors", "Auditors", Kind.READ_ONLY),
  PROCESS_OWNERS("process-owners", "Process owners", Kind.MANAGER),
  VIGIL_ADMINS("vigil-admins", "Vigil administrators", Kind.SYSTEM),
  VIGIL_WORKERS("vigil-workers", "Vigil external-task workers", Kind.SYSTEM);

  enum Kind {
    RESOLVER,
    MANAGER,
    READ_ONLY,
    SYSTEM
  }

  private final String id;
  private final String displayName;
  private final Kind kind;

  VigilGroup(String id, String displayName, Kind kind) {
    this.id = id;
    this.displayName = displayName;
    this.kind = kind;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** A group an incident can be routed or reassigned to. */
  public boolean isResolverGroup() {
    return kind == Kind.RESOLVER;
  }

  /** People who work tasks in Tasklist. */
  public boolean isAnalystGroup() {
    return kind == Kind.RESOLVER || kind == Kind.MANAGER;
  }

  /**
   * Groups whose members may open and change tickets through the API: not the auditors, and not the
   * workers' account, which reads the API but writes only its external tasks' results.
   */
  public boolean mayWriteTickets() {
    return kind != Kind.READ_ONLY && this != VIGIL_WORKERS;
  }

  public static Optional<VigilGroup> byId(String id) {
    return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
  }

  public static List<String> resolverGroupIds() {
    return Arrays.stream(values()).filter(VigilGroup::isResolverGroup).map(VigilGroup::id).toList();
  }

  /** The groups whose members work tasks in Tasklist. */
  public static List<String> analystGroupIds() {
    return Arrays.stream(values()).filter(VigilGroup::isAnalystGroup).map(VigilGroup::id).toList();
  }

  /**
   * Who may request changes: the resolver groups, change managers, problem managers (a problem's fix)
   * and admins. Votes, reports and cancellations are open to every ticket writer: the change's own
   * tasks and rules decide who may take each.
   */
  public static String[] changeRequesterRoles() {
    return Arrays.stream(values())
        .filter(g -> g.isResolverGroup() || g == CHANGE_MANAGERS || g == PROBLEM_MANAGERS || g == VIGIL_ADMINS)
        .map(VigilGroup::id)
        .toArray(String[]::new);
  }

  /**
   * Who may read every ticket's whole history ({@code /api/history}): auditors, the managers and
   * process owners, and admins; not the resolver groups, nor the workers.
   */
  public static String[] historyReaderRoles() {
    return Arrays.stream(values())
        .filter(g -> g.kind == Kind.READ_ONLY || g.kind == Kind.MANAGER || g == VIGIL_ADMINS)
        .map(VigilGroup::id)
        .toArray(String[]::new);
  }

  /**
   * Who may set a resolver group's on-call rota and its overrides: the group's own members, the
   * incident managers and admins. Nobody may for a group that is not a resolver group but those two,
   * who then hear that there is no such rota.
   */
  public static boolean mayKeepRotaOf(String group, Collection<String> callersGroups) {
    boolean ownGroup = byId(group).filter(VigilGroup::isResolverGroup).isPresent() && callersGroups.contains(group);
    return ownGroup || callersGroups.contains(INCIDENT_MANAGERS.id) || callersGroups.contains(VIGIL_ADMINS.id);
  }

  /** The groups whose members may open and change tickets through the API, as Spring Security roles. */
  public static String[] ticketWriterRoles() {
    return Arrays.stream(values()).filter(VigilGroup::mayWriteTickets).map(VigilGroup::id).toArray(String[]::new);
  }
}
