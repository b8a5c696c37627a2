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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs bpmn.io's bpmnlint, the linter inside Camunda Modeler, over every model with the rules in
 * {@code .bpmnlintrc} (recommended + Camunda 7.24 compatibility). The linter is an npm package
 * ({@code package.json}, pinned by {@code package-lock.json}): when {@code node_modules} does not
 * hold what the lock file names, this test installs it first with the machine's own npm
 * ({@code npm ci}), so that {@code mvn verify} alone lints the models. Where there is no node or npm,
 * it is skipped with a message saying so; under CI it fails instead.
 */
class ProcessModelLintTest {

  private static final Path BPMNLINT = Path.of("node_modules", "bpmnlint", "bin", "bpmnlint.js");
  private static final Path LOCK = Path.of("package-lock.json");
  private static final Path INSTALLED = Path.of("node_modules", ".package-lock.json");

  @BeforeAll
  static void installTheLinterIfNeeded() throws IOException, InterruptedException {
    if (Files.exists(BPMNLINT) && Files.exists(INSTALLED)
        && !Files.getLastModifiedTime(INSTALLED).toInstant().isBefore(Files.getLastModifiedTime(LOCK).toInstant())) {
      return;
    }
    Process install;
    try {
      install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").redirectErrorStream(true).start();
    } catch (IOException noNpm) {
      if ("true".equals(System.getenv("CI"))) {
        throw noNpm;
      }
      assumeTrue(false, "npm is not on this machine (" + noNpm.getMessage() + "): the BPMN models are not linted");
      return;
    }
    String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(install.waitFor(10, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
    assertThat(install.exitValue()).as("npm ci installs bpmnlint:%n%s", output).isZero();
  }

  @Test
  void everyModelIsCleanUnderBpmnlint() throws IOException, InterruptedException {
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
