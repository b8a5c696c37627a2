package io.vigil.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.vigil.testing.TestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The image {@code mvn package} writes ({@code target/vigil-image.tar}, ADR 31) as a container
 * runtime sees it, and Vigil started from its unpacked layers with its own entrypoint, environment,
 * user and working directory, on this run's database: an incident reported to it is routed.
 * Starting it needs root (a mount namespace and {@code chroot}), which CI has.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageIT {

  private static final Path IMAGE = Path.of("target/vigil-image.tar");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the image is unpacked, kept after the run with the log beside it (not a JUnit temporary directory: its mode 700 keeps the image's user out). */
  private static final Path UNPACKED = Path.of("target/container-image");

  private Path unpacked;

  private JsonNode manifest;
  private JsonNode config;
  private Path root;
  private Process vigil;

  @BeforeAll
  void unpack() throws Exception {
    assertThat(IMAGE).as("the image, built by mvn package").exists();
    run(List.of("rm", "-rf", UNPACKED.toString()));
    unpacked = Files.createDirectories(UNPACKED).toAbsolutePath();
    run(List.of("tar", "-xf", IMAGE.toAbsolutePath().toString(), "-C", unpacked.toString()));
    manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
    config = JSON.readTree(unpacked.resolve(manifest.path("Config").asText()).toFile());
    root = Files.createDirectory(unpacked.resolve("root"));
    for (JsonNode layer : manifest.path("Layers")) {
      run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", unpacked.resolve(layer.asText()).toString(), "-C", root.toString()));
    }
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (vigil != null) {
      vigil.descendants().forEach(ProcessHandle::destroy);
      vigil.destroy();
      vigil.waitFor(30, TimeUnit.SECONDS);
      vigil.descendants().forEach(ProcessHandle::destroyForcibly);
      vigil.destroyForcibly();
    }
  }

  @Test
  void theImageRunsJavaAsANonRootUserOnVigilsPortsWithTheCodeInLayersOfItsOwn() throws IOException {
    assertThat(manifest.path("RepoTags").get(0).asText()).startsWith("vigil:");
    JsonNode container = config.path("config");
    assertThat(container.path("User").asText()).isEqualTo("65532:65532");
    assertThat(container.path("WorkingDir").asText()).isEqualTo("/var/lib/vigil");
    assertThat(container.path("ExposedPorts").fieldNames()).toIterable().containsExactlyInAnyOrder("8080/tcp", "5701/tcp");
    assertThat(container.path("Env").toString()).contains("PATH=/opt/java/bin");
    assertThat(container.path("Entrypoint").get(0).asText()).isEqualTo("java");
    assertThat(container.path("Entrypoint").toString()).contains("-XX:MaxRAMPercentage=75").contains("io.vigil.VigilApplication");

    assertThat(Files.getPosixFilePermissions(root.resolve("opt/java/bin/java"))).contains(PosixFilePermission.OTHERS_EXECUTE);
    assertThat(root.resolve("lib64/ld-linux-x86-64.so.2")).exists();
    assertThat(Files.readString(root.resolve("etc/passwd"))).contains("vigil:x:65532:65532:");
    assertThat(Files.getPosixFilePermissions(root.resolve("var/lib/vigil"))).contains(PosixFilePermission.OTHERS_WRITE);
    // Vigil's own classes and resources are layers of their own, small beside the libraries and the runtime
    List<Long> layers = new ArrayList<>();
    for (JsonNode layer : manifest.path("Layers")) {
      layers.add(Files.size(unpacked.resolve(layer.asText())));
    }
    assertThat(layers).hasSizeGreaterThanOrEqualTo(5);
    assertThat(layers.stream().filter(size -> size < 5_000_000).count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void vigilStartsFromTheImageAndRoutesAnIncident() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare")),
        "Starting the image needs root and unshare (a mount namespace and chroot): skipped on this machine; CI runs it as root");
    int port = freePort();
    int clusterPort = freePort();
    Map<String, String> environment = new LinkedHashMap<>();
    for (JsonNode variable : config.at("/config/Env")) {
      String[] pair = variable.asText().split("=", 2);
      environment.put(pair[0], pair[1]);
    }
    environment.put("SERVER_PORT", String.valueOf(port));
    environment.put("VIGIL_CLUSTER_PORT", String.valueOf(clusterPort));
    environment.put("VIGIL_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    environment.put("VIGIL_SECURITY_ADMIN_PASSWORD", "image-admin");
    environment.put("VIGIL_SECURITY_WORKER_PASSWORD", "image-worker");
    if (TestDatabase.isPostgresql()) {
      TestDatabase.shared("image").forEach((name, value) -> environment.put(name.toUpperCase().replace('.', '_'), value));
    }
    start(environment, port);

    String number = given().port(port).auth().preemptive().basic("admin", "image-admin").contentType(ContentType.JSON)
        .body(Map.of("title", "Orders database deadlocks", "description", "Checkout fails with deadlock detected",
            "caller", "jane@example.com", "ci", "pg-orders-01"))
        .post("/api/incidents").then().statusCode(201).extract().path("number");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().port(port).auth().preemptive().basic("admin", "image-admin")
        .get("/api/incidents/{number}", number).then().statusCode(200)
        .body("state", org.hamcrest.Matchers.equalTo("ASSIGNED"))
        .body("resolverGroup", org.hamcrest.Matchers.equalTo("database")));
    if (!TestDatabase.isPostgresql()) {
      // the default H2 file, written by the image's user in its working directory
      assertThat(Files.getOwner(root.resolve("var/lib/vigil/data")).getName()).isIn("65532", "vigil");
    }
  }

  /**
   * Runs the image's entrypoint as a runtime would: in a mount namespace of its own with {@code /proc},
   * {@code /dev} and the host's name resolution mounted in, the unpacked layers as its root, the
   * image's working directory, user and environment, and nothing else of this machine.
   */
  private void start(Map<String, String> environment, int port) throws IOException {
    for (String directory : List.of("proc", "dev")) {
      Files.createDirectories(root.resolve(directory));
    }
    for (String file : List.of("etc/hosts", "etc/resolv.conf")) {
      if (!Files.exists(root.resolve(file))) {
        Files.createFile(root.resolve(file));
      }
    }
    JsonNode container = config.path("config");
    String[] user = container.path("User").asText().split(":");
    List<String> command = new ArrayList<>(List.of("env", "-i"));
    environment.forEach((name, value) -> command.add(name + "=" + value));
    command.addAll(List.of("/usr/bin/unshare", "--root=" + root, "--wd=" + container.path("WorkingDir").asText(),
        "--setuid", user[0], "--setgid", user[1]));
    container.path("Entrypoint").forEach(argument -> command.add(argument.asText()));
    String mounts = "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\""
        + " && mount --bind /etc/hosts \"$0/etc/hosts\" && mount --bind /etc/resolv.conf \"$0/etc/resolv.conf\" && exec \"$@\"";
    List<String> namespaced = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "bash", "-c", mounts, root.toString()));
    namespaced.addAll(command);
    Process process = new ProcessBuilder(namespaced).redirectErrorStream(true)
        .redirectOutput(unpacked.resolve("vigil.log").toFile()).start();
    vigil = process;
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(ConnectException.class).until(() -> {
      assertThat(process.isAlive()).as("Vigil from the image is running (target/container-image/vigil.log)").isTrue();
      return given().port(port).get("/actuator/health/readiness").statusCode() == 200;
    });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }
}
