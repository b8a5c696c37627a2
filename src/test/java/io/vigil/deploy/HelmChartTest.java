package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart ({@code helm/vigil}) as an operator installs it: linted strictly, rendered with its
 * defaults and with production values, every object read by the Kubernetes API's own models (which
 * refuse a field Kubernetes does not know and one it requires missing), and the values it must
 * refuse refused before anything is rendered.
 */
class HelmChartTest {

  private static final Path CHART = Path.of("helm/vigil");
  private static final Path PRODUCTION = CHART.resolve("ci/production-values.yaml");
  /** The oldest Kubernetes the chart is for (its kubeVersion); helm's template would assume 1.20. */
  private static final String KUBERNETES = "1.25.0";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The models of the kinds the chart renders; a ServiceMonitor is a custom resource, checked by hand. */
  private static final Map<String, Model> MODELS = Map.of(
      "StatefulSet", V1StatefulSet::fromJson,
      "Service", V1Service::fromJson,
      "PodDisruptionBudget", V1PodDisruptionBudget::fromJson,
      "Deployment", V1Deployment::fromJson,
      "HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::fromJson,
      "Ingress", V1Ingress::fromJson);

  /** Reads an object of one kind, failing on what that kind does not allow. */
  private interface Model {
    Object read(String json) throws IOException;
  }

  @Test
  void theChartLintsStrictly() {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void itsDefaultsRunOneEngineNodeOnEmbeddedH2AndTwoWorkers() {
    Map<String, JsonNode> objects = render(template());

    assertThat(objects).containsOnlyKeys("StatefulSet/vigil-engine", "Service/vigil-engine", "Service/vigil-engine-cluster",
        "PodDisruptionBudget/vigil-engine", "Deployment/vigil-workers");
    JsonNode engine = objects.get("StatefulSet/vigil-engine");
    assertThat(engine.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(env(engine, "SPRING_DATASOURCE_URL").path("value").asText()).startsWith("jdbc:h2:file:/var/lib/vigil/");
    assertThat(engine.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("data");
    assertThat(engine.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("vigil:0.1.0");
    assertThat(objects.get("Deployment/vigil-workers").at("/spec/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void productionValuesRunThreeEngineNodesOnPostgresqlWithScalingWorkersIngressAndMetrics() {
    Map<String, JsonNode> objects = render(template().withValuesFile(PRODUCTION));

    assertThat(objects).containsOnlyKeys("StatefulSet/vigil-engine", "Service/vigil-engine", "Service/vigil-engine-cluster",
        "PodDisruptionBudget/vigil-engine", "Deployment/vigil-workers", "HorizontalPodAutoscaler/vigil-workers",
        "Ingress/vigil", "ServiceMonitor/vigil-engine");

    JsonNode engine = objects.get("StatefulSet/vigil-engine");
    assertThat(engine.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(engine.at("/spec/serviceName").asText()).isEqualTo("vigil-engine-cluster");
    assertThat(engine.at("/spec/volumeClaimTemplates").isMissingNode()).as("no H2 volume on PostgreSQL").isTrue();
    assertThat(env(engine, "VIGIL_ROLE").path("value").asText()).isEqualTo("engine");
    assertThat(env(engine, "SPRING_DATASOURCE_URL").path("value").asText()).isEqualTo("jdbc:postgresql://vigil-db:5432/vigil");
    assertThat(env(engine, "SPRING_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("vigil-db");
    assertThat(env(engine, "VIGIL_SECURITY_ADMIN_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("vigil-secrets");
    assertThat(env(engine, "VIGIL_INTAKE_ALERTMANAGER_TOKEN").at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
    assertThat(env(engine, "VIGIL_CLUSTER_DISCOVERY").path("value").asText()).isEqualTo("KUBERNETES");
    assertThat(env(engine, "VIGIL_CLUSTER_KUBERNETES_SERVICE_DNS").path("value").asText())
        .isEqualTo("vigil-engine-cluster.itsm.svc.cluster.local");
    assertThat(env(engine, "JAVA_TOOL_OPTIONS").path("value").asText()).contains("-XX:MaxRAMPercentage=75");
    JsonNode container = engine.at("/spec/template/spec/containers/0");
    assertThat(container.at("/image").asText()).isEqualTo("registry.example.com/vigil:0.1.0");
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(engine.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(engine.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isGreaterThan(20 + 30);

    JsonNode cluster = objects.get("Service/vigil-engine-cluster");
    assertThat(cluster.at("/spec/clusterIP").asText()).isEqualTo("None");
    assertThat(cluster.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
    assertThat(cluster.at("/spec/ports/0/port").asInt()).isEqualTo(5701);
    assertThat(objects.get("PodDisruptionBudget/vigil-engine").at("/spec/maxUnavailable").asInt()).isEqualTo(1);

    JsonNode workers = objects.get("Deployment/vigil-workers");
    assertThat(workers.at("/spec/replicas").isMissingNode()).as("the autoscaler sets the replicas").isTrue();
    assertThat(env(workers, "VIGIL_ROLE").path("value").asText()).isEqualTo("workers");
    assertThat(env(workers, "VIGIL_WORKERS_ENGINE_URL").path("value").asText()).isEqualTo("http://vigil-engine:8080/engine-rest");
    assertThat(env(workers, "VIGIL_WORKERS_API_URL").path("value").asText()).isEqualTo("http://vigil-engine:8080/api");
    assertThat(env(workers, "VIGIL_WORKERS_PASSWORD").at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("worker-password");
    assertThat(env(workers, "SPRING_MAIL_HOST").path("value").asText()).isEqualTo("smtp.example.com");
    assertThat(env(workers, "VIGIL_WORKERS_MAIL_PUBLIC_URL").path("value").asText()).isEqualTo("https://vigil.example.com");
    assertThat(env(workers, "SPRING_DATASOURCE_URL").isMissingNode()).as("workers have no database").isTrue();

    JsonNode autoscaler = objects.get("HorizontalPodAutoscaler/vigil-workers");
    assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo("vigil-workers");
    assertThat(autoscaler.at("/spec/maxReplicas").asInt()).isEqualTo(8);
    JsonNode ingress = objects.get("Ingress/vigil");
    assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("vigil.example.com");
    assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("vigil-tls");
    assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("vigil-engine");
    JsonNode monitor = objects.get("ServiceMonitor/vigil-engine");
    assertThat(monitor.at("/apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
    assertThat(monitor.at("/spec/endpoints/0/basicAuth/password/name").asText()).isEqualTo("vigil-metrics");
  }

  @Test
  void noPasswordOrTokenIsEverAValueInClear() {
    for (TemplateCommand values : List.of(template(), template().withValuesFile(PRODUCTION))) {
      for (JsonNode object : render(values).values()) {
        for (JsonNode container : object.at("/spec/template/spec/containers")) {
          for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().matches(".*(PASSWORD|TOKEN).*")) {
              assertThat(variable.has("value")).as(variable.toString()).isFalse();
              assertThat(variable.at("/valueFrom/secretKeyRef/name").asText()).as(variable.toString()).isNotBlank();
            }
          }
        }
      }
    }
  }

  @Test
  void moreThanOneEngineNodeOnH2IsRefused() {
    assertThatThrownBy(() -> template().set("engine.replicas", "2").call())
        .hasMessageContaining("embedded H2 serves one engine node only");
    assertThatThrownBy(() -> template().set("engine.replicas", "2").set("database.url", "jdbc:h2:mem:vigil")
        .set("database.existingSecret", "db").call())
        .hasMessageContaining("H2, which serves one engine node only");
  }

  @Test
  void aDatabaseWithoutItsPasswordSecretIsRefused() {
    assertThatThrownBy(() -> template().set("database.url", "jdbc:postgresql://db:5432/vigil").call())
        .hasMessageContaining("database.existingSecret");
  }

  @Test
  void aMetricsMonitorWithoutItsAccountIsRefused() {
    assertThatThrownBy(() -> template().set("serviceMonitor.enabled", "true").call())
        .hasMessageContaining("serviceMonitor.basicAuthSecret");
  }

  @Test
  void valuesOfTheWrongShapeFailAtInstallByTheSchema() {
    assertThatThrownBy(() -> template().set("engine.replicas", "three").call())
        .hasMessageContaining("/engine/replicas").hasMessageContaining("want integer");
    assertThatThrownBy(() -> template().set("enigne.replicas", "1").call())
        .hasMessageContaining("enigne");
    assertThatThrownBy(() -> template().set("database.url", "postgres://db/vigil").set("database.existingSecret", "db").call())
        .hasMessageContaining("/database/url");
    assertThatThrownBy(() -> template().set("secrets.existingSecret", "").call())
        .hasMessageContaining("/secrets/existingSecret");
  }

  private static TemplateCommand template() {
    return new Helm(CHART).template().withName("vigil").withNamespace("itsm").withKubeVersion(KUBERNETES);
  }

  /**
   * The rendered objects by kind and name, each read by the Kubernetes API's model of its kind,
   * which fails on a field Kubernetes does not know or a required one missing.
   */
  private static Map<String, JsonNode> render(TemplateCommand template) {
    String manifest = template.call();
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    try {
      for (JsonNode object : YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest).readAll()) {
        if (object == null || object.isNull() || object.isEmpty()) {
          continue;
        }
        String kind = object.path("kind").asText();
        String key = kind + "/" + object.at("/metadata/name").asText();
        if (MODELS.containsKey(kind)) {
          MODELS.get(kind).read(JSON.writeValueAsString(object));
        } else {
          assertThat(kind).as("a kind the chart renders").isEqualTo("ServiceMonitor");
        }
        assertThat(objects.put(key, object)).as("one " + key).isNull();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return objects;
  }

  /** A container's environment variable by name, missing when the first container has none such. */
  private static JsonNode env(JsonNode workload, String name) {
    for (JsonNode variable : workload.at("/spec/template/spec/containers/0/env")) {
      if (variable.path("name").asText().equals(name)) {
        return variable;
      }
    }
    return JSON.missingNode();
  }
}
