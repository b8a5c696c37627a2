package io.vigil.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs bpmn.io's bpmnlint, the linter inside Camunda Modeler, over every model with the rules in
 * {@code .bpmnlintrc} (recommended + Camunda 7.24 compatibility). It needs {@code npm ci}; without
 * it the test is skipped on a workstation and fails under CI, which always installs it.
 */
class ProcessModelLintTest {

  private static final Path BPMNLINT = Path.of("node_modules", "bpmnlint", "bin", "bpmnlint.js");

  @Test
  void everyModelIsCleanUnderBpmnlint() throws IOException, InterruptedException {
    if (!"true".equals(System.getenv("CI"))) {
      assumeTrue(Files.exists(BPMNLINT), "bpmnlint is not installed: run `npm ci` to lint the BPMN models");
    }
    List<String> command = new ArrayList<>(List.of("node", BPMNLINT.toString(), "--max-warnings=0"));
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      models.filter(file -> file.toString().endsWith(".bpmn")).sorted().forEach(file -> command.add(file.toString()));
    }
    Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
    String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lint.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(report).as("bpmnlint report").isBlank();
    assertThat(lint.exitValue()).as("bpmnlint exit code").isZero();
  }
}
