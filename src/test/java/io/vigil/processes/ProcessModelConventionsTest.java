package io.vigil.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.change.contract.ChangeProcess;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.notify.contract.NotificationProcess;
import io.vigil.notify.contract.Notifications;
import io.vigil.oncall.contract.PagingProcess;
import io.vigil.problem.contract.ProblemProcess;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a process owner's edit in Camunda Modeler must keep true for the engine and the Java code:
 * diagrams for everything, the 7.24 execution platform, history time to live and a version tag, forms bound to the
 * deployment, a boundary event for every BPMN error, and the ids the code refers to.
 */
class ProcessModelConventionsTest {

  private static final String PLATFORM_VERSION = "7.24.0";
  private static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
  private static final String DMN_NS = "https://www.omg.org/spec/DMN/20191111/MODEL/";
  private static final String DMNDI_NS = "https://www.omg.org/spec/DMN/20191111/DMNDI/";
  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");

  @TestFactory
  Stream<DynamicTest> everyBpmnModelDeploysAndOpensInTheModeler() throws IOException {
    return files(PROCESSES, ".bpmn").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      Bpmn.validateModel(model);
      assertThat(model.getDefinitions().getAttributeValueNs(MODELER_NS, "executionPlatformVersion")).isEqualTo(PLATFORM_VERSION);

      model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).stream()
          .filter(org.camunda.bpm.model.bpmn.instance.Process::isExecutable)
          .forEach(process -> {
            assertThat(process.getCamundaHistoryTimeToLiveString()).as(process.getId() + " history time to live").isNotBlank();
            assertThat(process.getCamundaVersionTag()).as(process.getId() + " version tag").isNotBlank();
          });

      Set<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
          .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
      model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
      assertThat(ids(model.getModelElementsByType(FlowNode.class))).as("flow nodes without a shape").isSubsetOf(drawn);
      assertThat(ids(model.getModelElementsByType(SequenceFlow.class))).as("sequence flows without an edge").isSubsetOf(drawn);

      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        assertThat(task.getCamundaFormRef()).as(task.getId() + " formRef").isNotBlank();
        assertThat(task.getCamundaFormRefBinding()).as(task.getId() + " binding").isEqualTo("deployment");
        assertThat(formIds()).as(task.getId() + " form").contains(task.getCamundaFormRef());
      }

      Set<String> caught = model.getModelElementsByType(BoundaryEvent.class).stream()
          .flatMap(event -> event.getEventDefinitions().stream())
          .filter(ErrorEventDefinition.class::isInstance)
          .map(definition -> ((ErrorEventDefinition) definition).getError().getErrorCode())
          .collect(Collectors.toSet());
      model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Error.class)
          .forEach(error -> assertThat(caught).as("boundary event for " + error.getErrorCode()).contains(error.getErrorCode()));
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyDecisionHasADiagramAndHistoryTimeToLive() throws IOException {
    return files(PROCESSES, ".dmn").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      Document dmn = xml(file);
      assertThat(dmn.getDocumentElement().getAttributeNS(MODELER_NS, "executionPlatformVersion")).isEqualTo(PLATFORM_VERSION);
      Set<String> drawn = new HashSet<>();
      NodeList shapes = dmn.getElementsByTagNameNS(DMNDI_NS, "DMNShape");
      for (int i = 0; i < shapes.getLength(); i++) {
        drawn.add(((Element) shapes.item(i)).getAttribute("dmnElementRef"));
      }
      NodeList decisions = dmn.getElementsByTagNameNS(DMN_NS, "decision");
      assertThat(decisions.getLength()).isPositive();
      for (int i = 0; i < decisions.getLength(); i++) {
        Element decision = (Element) decisions.item(i);
        assertThat(drawn).as("shape for " + decision.getAttribute("id")).contains(decision.getAttribute("id"));
        assertThat(decision.getAttributeNS("http://camunda.org/schema/1.0/dmn", "historyTimeToLive"))
            .as(decision.getAttribute("id")).isNotBlank();
      }
    }));
  }

  @Test
  void everyFormTargetsTheEngineAndIsNamedAfterItsFile() throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (Path file : files(FORMS, ".form").toList()) {
      JsonNode form = json.readTree(file.toFile());
      assertThat(form.path("id").asText()).as(file.toString()).isEqualTo(file.getFileName().toString().replace(".form", ""));
      assertThat(form.path("executionPlatform").asText()).as(file.toString()).isEqualTo("Camunda Platform");
      assertThat(form.path("executionPlatformVersion").asText()).as(file.toString()).isEqualTo(PLATFORM_VERSION);
    }
  }

  @Test
  void theIncidentConstantsNameWhatTheModelHolds() {
    BpmnModelInstance model = Bpmn.readModelFromFile(PROCESSES.resolve("incident-management.bpmn").toFile());
    assertThat((Object) model.getModelElementById(IncidentProcess.KEY)).isNotNull();
    constants(IncidentProcess.Elements.class)
        .forEach(id -> assertThat((Object) model.getModelElementById(id)).as(id).isNotNull());

    Set<String> topics = model.getModelElementsByType(ServiceTask.class).stream()
        .map(ServiceTask::getCamundaTopic).filter(topic -> topic != null).collect(Collectors.toSet());
    assertThat(topics).containsExactlyInAnyOrderElementsOf(constants(IncidentProcess.Topics.class));

    Set<String> codes = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Error.class).stream()
        .map(org.camunda.bpm.model.bpmn.instance.Error::getErrorCode).collect(Collectors.toSet());
    assertThat(codes).containsExactlyInAnyOrderElementsOf(constants(IncidentProcess.Errors.class));
  }

  @Test
  void thePagingAndNotificationConstantsNameWhatTheModelsHold() {
    BpmnModelInstance paging = Bpmn.readModelFromFile(PROCESSES.resolve("on-call-paging.bpmn").toFile());
    assertThat((Object) paging.getModelElementById(PagingProcess.KEY)).isNotNull();
    constants(PagingProcess.Elements.class)
        .forEach(id -> assertThat((Object) paging.getModelElementById(id)).as(id).isNotNull());
    Set<String> messages = paging.getModelElementsByType(Message.class).stream().map(Message::getName).collect(Collectors.toSet());
    assertThat(messages).containsExactlyInAnyOrderElementsOf(constants(PagingProcess.Messages.class));

    BpmnModelInstance notification = Bpmn.readModelFromFile(PROCESSES.resolve("notification.bpmn").toFile());
    assertThat((Object) notification.getModelElementById(NotificationProcess.KEY)).isNotNull();
    constants(NotificationProcess.Elements.class)
        .forEach(id -> assertThat((Object) notification.getModelElementById(id)).as(id).isNotNull());
    assertThat(notification.getModelElementsByType(ServiceTask.class)).extracting(ServiceTask::getCamundaTopic)
        .containsExactly(Notifications.TOPIC);
  }

  @Test
  void theProblemConstantsNameWhatTheModelHolds() {
    BpmnModelInstance model = Bpmn.readModelFromFile(PROCESSES.resolve("problem-management.bpmn").toFile());
    assertThat((Object) model.getModelElementById(ProblemProcess.KEY)).isNotNull();
    constants(ProblemProcess.Elements.class)
        .forEach(id -> assertThat((Object) model.getModelElementById(id)).as(id).isNotNull());
    Set<String> topics = model.getModelElementsByType(ServiceTask.class).stream()
        .map(ServiceTask::getCamundaTopic).filter(topic -> topic != null).collect(Collectors.toSet());
    assertThat(topics).containsExactlyInAnyOrder(ProblemProcess.Topics.RCA, IncidentProcess.Topics.NOTIFY);
  }

  @Test
  void theChangeConstantsNameWhatTheModelHolds() {
    BpmnModelInstance model = Bpmn.readModelFromFile(PROCESSES.resolve("change-management.bpmn").toFile());
    assertThat((Object) model.getModelElementById(ChangeProcess.KEY)).isNotNull();
    constants(ChangeProcess.Elements.class)
        .forEach(id -> assertThat((Object) model.getModelElementById(id)).as(id).isNotNull());
    Set<String> topics = model.getModelElementsByType(ServiceTask.class).stream()
        .map(ServiceTask::getCamundaTopic).filter(topic -> topic != null).collect(Collectors.toSet());
    List<String> expected = new java.util.ArrayList<>(constants(ChangeProcess.Topics.class));
    expected.add(IncidentProcess.Topics.NOTIFY);
    assertThat(topics).containsExactlyInAnyOrderElementsOf(expected);
    Set<String> messages = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Message.class).stream()
        .map(org.camunda.bpm.model.bpmn.instance.Message::getName).collect(Collectors.toSet());
    assertThat(messages).containsAll(constants(ChangeProcess.Messages.class));
  }

  private static Set<String> formIds() throws IOException {
    return files(FORMS, ".form").map(file -> file.getFileName().toString().replace(".form", "")).collect(Collectors.toSet());
  }

  private static Stream<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(file -> file.toString().endsWith(suffix)).sorted().toList().stream();
    }
  }

  private static Set<String> ids(java.util.Collection<? extends BaseElement> elements) {
    return elements.stream().map(BaseElement::getId).collect(Collectors.toSet());
  }

  private static List<String> constants(Class<?> holder) {
    return Stream.of(holder.getDeclaredFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
        .map(ProcessModelConventionsTest::value)
        .toList();
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Document xml(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }
}
