package io.vigil.workers.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.workers.WorkerProperties;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * What the workers read beyond their task's variables: Vigil's {@code /api} (the service catalog,
 * open incidents, people) and the engine's decision tables (owner-editable rules), both over HTTP
 * with the worker account; and the one thing they write there, the notification ledger. A worker has
 * no database access.
 */
@Component
public class VigilApi {

  private final RestClient api;
  private final RestClient engine;

  public VigilApi(WorkerProperties properties, RestClient.Builder builder) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(properties.httpTimeout()).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(properties.httpTimeout());
    RestClient.Builder base = builder.clone()
        .requestFactory(factory)
        .defaultHeaders(h -> h.setBasicAuth(properties.username(), properties.password()))
        .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
    this.api = base.clone().baseUrl(properties.apiUrl().toString()).build();
    this.engine = base.clone().baseUrl(properties.engineUrl().toString()).build();
  }

  /** {@code GET /api/...} as JSON; empty on 404. Anything else unexpected is a technical failure. */
  public Optional<JsonNode> get(String path, Object... uriVariables) {
    try {
      return Optional.ofNullable(api.get().uri(path, uriVariables).retrieve().body(JsonNode.class));
    } catch (HttpClientErrorException.NotFound notFound) {
      return Optional.empty();
    }
  }

  /** {@code POST /api/...} with a JSON body; the answer as JSON. Any error status is a technical failure. */
  public JsonNode post(String path, Object body, Object... uriVariables) {
    return api.post().uri(path, uriVariables).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
  }

  /** {@code PUT /api/...} without a body; the answer as JSON. Any error status is a technical failure. */
  public JsonNode put(String path, Object... uriVariables) {
    return api.put().uri(path, uriVariables).retrieve().body(JsonNode.class);
  }

  /**
   * Evaluates a deployed decision (latest version) and returns the first matching rule's outputs by
   * name, empty when no rule matched; outputs without a value are left out.
   */
  public Map<String, String> decide(String decisionKey, Map<String, String> inputs) {
    Map<String, Object> variables = new LinkedHashMap<>();
    inputs.forEach((name, value) -> {
      Map<String, Object> typed = new LinkedHashMap<>();
      typed.put("value", value);
      typed.put("type", value == null ? "Null" : "String");
      variables.put(name, typed);
    });
    JsonNode results = engine.post()
        .uri("/decision-definition/key/{key}/evaluate", decisionKey)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("variables", variables))
        .retrieve()
        .onStatus(HttpStatusCode::isError, (request, response) -> {
          throw new IllegalStateException("Evaluating decision " + decisionKey + " failed: HTTP " + response.getStatusCode());
        })
        .body(JsonNode.class);
    Map<String, String> outputs = new LinkedHashMap<>();
    if (results != null && results.isArray() && !results.isEmpty()) {
      results.get(0).properties().forEach(output -> {
        JsonNode value = output.getValue().path("value");
        if (!value.isMissingNode() && !value.isNull()) {
          outputs.put(output.getKey(), value.asText());
        }
      });
    }
    return outputs;
  }

  /** Items of a page answer ({@code {"items": [...]}}). */
  public static List<JsonNode> items(JsonNode page) {
    List<JsonNode> items = new ArrayList<>();
    page.path("items").forEach(items::add);
    return items;
  }
}
