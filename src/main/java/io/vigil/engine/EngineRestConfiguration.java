package io.vigil.engine;

import jakarta.ws.rs.ApplicationPath;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** The engine's REST API ({@code /engine-rest}) as the starter builds it, plus Vigil's error mapping. */
@Component
@ApplicationPath("/engine-rest")
public class EngineRestConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(RefusedInputMapper.OnProcessEngineException.class);
    register(RefusedInputMapper.OnRestException.class);
  }
}
