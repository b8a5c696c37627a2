package io.vigil;

import io.vigil.engine.EngineSide;
import io.vigil.workers.WorkerSide;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The one place where {@code vigil.role} decides what loads: the engine side, the worker side, or
 * both. Neither side knows the role it runs in.
 */
class RoleSides implements ImportSelector, EnvironmentAware {

  private VigilRole role = VigilRole.ALL;

  @Override
  public void setEnvironment(Environment environment) {
    role = VigilRole.of(environment);
  }

  @Override
  public String[] selectImports(AnnotationMetadata importingClass) {
    List<String> sides = new ArrayList<>();
    if (role.runsEngine()) {
      sides.add(EngineSide.class.getName());
    }
    if (role.runsWorkers()) {
      sides.add(WorkerSide.class.getName());
    }
    if (!role.runsEngine()) {
      sides.add(WorkerPodSecurity.class.getName());
    }
    return sides.toArray(String[]::new);
  }
}
