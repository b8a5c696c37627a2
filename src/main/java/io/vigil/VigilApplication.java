package io.vigil;

import io.vigil.engine.EngineSide;
import io.vigil.workers.WorkerSide;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * One jar, three roles ({@link VigilRole}): the engine side and the worker side are imported
 * separately so that each role loads only its own beans.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({EngineSide.class, WorkerSide.class})
public class VigilApplication {

  public static void main(String[] args) {
    SpringApplication.run(VigilApplication.class, args);
  }
}
