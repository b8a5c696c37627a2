package io.vigil.history;

import java.util.List;

/**
 * One process instance of a ticket: its model as deployed, and the path it took through it.
 * {@code flowsTaken} is inferred, not recorded (see {@link EngineHistory}).
 */
record ProcessDiagram(
    String processDefinitionKey, String processDefinitionId, String processInstanceId, String bpmnXml,
    List<String> activitiesTaken, List<String> flowsTaken) {}
