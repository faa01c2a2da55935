package io.hyperstream.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.cli.CliException;
import io.hyperstream.model.kafka.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting and stopping the local stack with stand-in service jars (a real broker and store, and
 * a child JVM per service), and each way a start can fail.
 */
class LocalStackTest {

    @TempDir
    Path home;

    private final StringWriter said = new StringWriter();

    private LocalStack.Config config(int trainers) {
        return new LocalStack.Config(home, trainers, null, LocalStack.PortChoice.ANY, Duration.ofSeconds(60),
                TopicNames.defaults(), new PrintWriter(said));
    }

    @Test
    void startsTheBrokerTheStoreAndEveryServiceThenStopsThemAll() throws Exception {
        buildServices(Map.of());
        LocalStack stack = new LocalStack(config(2));
        Path dataDir;
        List<ServiceProcess> services;
        try {
            stack.start();
            services = stack.services();
            dataDir = stack.dataDir();

            assertThat(services).extracting(ServiceProcess::name).containsExactly(
                    "sampler-service", "pruner-service", "results-service", "trainer-1", "trainer-2");
            assertThat(services).allMatch(ServiceProcess::isAlive);
            assertThat(services.stream().map(ServiceProcess::port).collect(Collectors.toSet())).hasSize(5);
            ServiceProcess results = services.get(2);
            assertThat(stack.apiUrl()).isEqualTo("http://127.0.0.1:" + results.port());
            assertThat(Files.isDirectory(dataDir.resolve("kafka"))).isTrue();

            for (ServiceProcess s : services) {
                assertThat(s.log()).isEqualTo(home.resolve(".hpo/logs/" + s.name() + ".log"));
                assertThat(Files.readString(s.log()))
                        .contains("-XX:+UseSerialGC")
                        .contains("-Dkafka.bootstrap.servers=" + stack.bootstrapServers())
                        .contains("-Dquarkus.http.port=" + s.port())
                        .contains("-Dhyperstream.topics.study-commands=hpo-study-commands")
                        .contains("working directory " + home);
            }
            assertThat(Files.readString(results.log()))
                    .contains("-Dquarkus.mongodb.connection-string=" + stack.mongoConnectionString());
            // Trainers: one native thread, a 512 MB heap, JavaCPP's accounting off, a shared cache.
            assertThat(Files.readString(services.get(4).log()))
                    .contains("-Dhyperstream.trainer.id=trainer-2")
                    .contains("OMP_NUM_THREADS=1")
                    .contains("-Xmx512m", "-Xmn32m", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Dorg.bytedeco.javacpp.maxBytes=0")
                    .contains("-Dorg.bytedeco.javacpp.cachedir=" + home.resolve(".hpo/javacpp"))
                    .contains("-XX:TieredStopAtLevel=1")
                    .doesNotContain("-Xmx256m");
            assertThat(Files.readString(services.get(0).log()))
                    .contains("-Xmx256m", "-XX:TieredStopAtLevel=1")
                    .doesNotContain("hyperstream.trainer.id")
                    .doesNotContain("OMP_NUM_THREADS=1")
                    .doesNotContain("mongodb");

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                assertThat(topics).containsAll(TopicNames.defaults().all());
            }
            assertThat(stack.deadService()).isEmpty();
            assertThat(said.toString()).contains("All services ready");
        } finally {
            stack.close();
        }
        assertThat(services).noneMatch(ServiceProcess::isAlive);
        assertThat(dataDir).doesNotExist();
        stack.close();
    }

    @Test
    void trainerThreadsAndHeapAreConfigurable() throws Exception {
        buildServices(Map.of());
        LocalStack stack = new LocalStack(config(1).withTrainerResources(new TrainerResources(2, "1g")));
        try {
            stack.start();
            ServiceProcess trainer = stack.services().get(3);

            assertThat(trainer.name()).isEqualTo("trainer-1");
            assertThat(Files.readString(trainer.log())).contains("OMP_NUM_THREADS=2").contains("-Xmx1g");
        } finally {
            stack.close();
        }
        assertThatThrownBy(() -> new TrainerResources(0, "512m")).hasMessage("trainer threads must be at least 1, but got 0");
        assertThatThrownBy(() -> new TrainerResources(1, "lots"))
                .hasMessage("the trainer heap is a size such as 512m or 1g, but got 'lots'");
    }

    @Test
    void aServiceThatExitsFailsTheStartWithTheEndOfItsLog() throws IOException {
        buildServices(Map.of("pruner-service", FakeCrashingService.class));
        LocalStack stack = new LocalStack(config(1));

        assertThatThrownBy(stack::start)
                .isInstanceOf(CliException.class)
                .hasMessageContaining("pruner-service exited with code 3 while starting.")
                .hasMessageContaining("Last lines of " + home.resolve(".hpo/logs/pruner-service.log"))
                .hasMessageContaining("boom: cannot connect to the store")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(1));
        assertThat(stack.services()).isNotEmpty().noneMatch(ServiceProcess::isAlive);
    }

    @Test
    void aServiceThatNeverBecomesReadyTimesOut() throws IOException {
        buildServices(Map.of("results-service", FakeUnreadyService.class));
        // Long enough for the other services to start on a loaded machine.
        LocalStack stack = new LocalStack(config(1).withReadyTimeout(Duration.ofSeconds(20)));

        assertThatThrownBy(stack::start)
                .isInstanceOf(CliException.class)
                .hasMessageContaining("results-service did not become ready within 20 s")
                .hasMessageContaining("/q/health/ready: HTTP 503 {\"status\":\"DOWN\"}")
                .hasMessageContaining("listening")
                .hasMessageNotContaining("sampler-service did not");
        assertThat(stack.services()).noneMatch(ServiceProcess::isAlive);
    }

    @Test
    void unbuiltServicesAreNamedWithTheBuildCommand() throws IOException {
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        LocalStack stack = new LocalStack(config(1));

        assertThatThrownBy(stack::start)
                .isInstanceOf(CliException.class)
                .hasMessageContaining("the services are not built")
                .hasMessageContaining("trainer-service/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("./mvnw -B -DskipTests install");
        assertThat(stack.services()).isEmpty();
        assertThat(said.toString()).isEmpty();
    }

    @Test
    void aDeadServiceIsReportedAfterTheStart() throws Exception {
        buildServices(Map.of());
        try (LocalStack stack = new LocalStack(config(1))) {
            stack.start();
            ServiceProcess trainer = stack.services().get(3);
            trainer.kill();
            assertThat(stack.deadService()).hasValueSatisfying(d -> assertThat(d)
                    .startsWith("trainer-1 exited with code 137.")
                    .contains("listening"));
        }
    }

    @Test
    void servicesRestartedTogetherAreAllStoppedThenStartedAgainOnTheirPorts() throws Exception {
        buildServices(Map.of());
        try (LocalStack stack = new LocalStack(config(1))) {
            stack.start();
            List<ServiceProcess> before = stack.services();

            stack.restart(List.of("sampler-service", "results-service"));

            List<ServiceProcess> after = stack.services();
            assertThat(before.get(0).isAlive()).isFalse();
            assertThat(before.get(2).isAlive()).isFalse();
            assertThat(after).allMatch(ServiceProcess::isAlive);
            assertThat(after.get(0).pid()).isNotEqualTo(before.get(0).pid());
            assertThat(after.get(2).pid()).isNotEqualTo(before.get(2).pid());
            assertThat(after.get(2).port()).isEqualTo(before.get(2).port());
            // The services not named run on as they were.
            assertThat(after.get(1)).isSameAs(before.get(1));
            assertThat(after.get(3)).isSameAs(before.get(3));
            assertThat(stack.deadService()).isEmpty();
        }
    }

    @Test
    void persistentDataStaysAfterClose() throws Exception {
        buildServices(Map.of());
        Path data = home.resolve("data");
        try (LocalStack stack = new LocalStack(LocalStack.Config.persistent(home, 1, data, null)
                .withPorts(LocalStack.PortChoice.ANY))) {
            stack.start();
            assertThat(stack.dataDir()).isEqualTo(data);
        }
        assertThat(data.resolve("kafka")).isDirectory();
        assertThat(data.resolve("store/hyperstream.mv")).isRegularFile();
    }

    /** Writes a runnable stand-in jar for every service module, with the given main classes. */
    private void buildServices(Map<String, Class<?>> mainClasses) throws IOException {
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        for (String module : LocalStack.SERVICE_MODULES) {
            Path jar = home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS,
                    mainClasses.getOrDefault(module, FakeService.class).getName());
            try (OutputStream file = Files.newOutputStream(jar);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Class<?> type : List.of(FakeService.class, FakeCrashingService.class, FakeUnreadyService.class)) {
                    out.putNextEntry(new JarEntry(type.getName().replace('.', '/') + ".class"));
                    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
