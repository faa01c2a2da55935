package io.hyperstream.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run on machines without Docker; this test keeps it right by checking
 * that every service, port and setting it names exists in the project.
 */
class DockerComposeTest {

    private static final List<String> SERVICES =
            List.of("sampler-service", "trainer-service", "pruner-service", "results-service");

    private static Path root;
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        root = Path.of(System.getProperty("hyperstream.home", "..")).toAbsolutePath().normalize();
        services = new YAMLMapper().readTree(root.resolve("docker-compose.yml").toFile()).get("services");
    }

    @Test
    void runsKafkaMongoAndEveryService() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder(
                "kafka", "mongo", "sampler-service", "trainer-service", "pruner-service", "results-service");
        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(services.at("/mongo/image").asText()).startsWith("mongo:");
    }

    @Test
    void theBrokerIsTheKafkaVersionTheBuildPinsWithShareGroupsSetUpForOneNode() {
        java.util.regex.Matcher pinned = java.util.regex.Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(readString(root.resolve("pom.xml")));
        assertThat(pinned.find()).as("the root pom pins kafka.version").isTrue();
        assertThat(services.at("/kafka/image").asText()).isEqualTo("apache/kafka:" + pinned.group(1));
        JsonNode env = services.at("/kafka/environment");
        assertThat(env.path("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(1);
        assertThat(env.path("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR").asInt()).isEqualTo(1);
        assertThat(env.path("KAFKA_GROUP_SHARE_HEARTBEAT_INTERVAL_MS").asInt()).isEqualTo(500);
    }

    @Test
    void everyServiceIsBuiltFromItsModulesDockerfile() {
        for (String name : SERVICES) {
            JsonNode build = services.get(name).get("build");
            Path context = root.resolve(build.get("context").asText()).normalize();
            assertThat(context).as(name + " build context").isEqualTo(root.resolve(name));
            Path dockerfile = context.resolve(build.get("dockerfile").asText());
            assertThat(dockerfile).as(name + " Dockerfile").isRegularFile();
            assertThat(readString(dockerfile)).as(name + " Dockerfile copies the Quarkus fast-jar")
                    .contains("target/quarkus-app");
        }
    }

    @Test
    void everyEnvironmentSettingIsAPropertyTheServiceReads() {
        for (String name : SERVICES) {
            Properties props = applicationProperties(name);
            Iterator<Map.Entry<String, JsonNode>> env = services.get(name).get("environment").fields();
            while (env.hasNext()) {
                String variable = env.next().getKey();
                assertThat(props.stringPropertyNames().stream().map(DockerComposeTest::asEnvironmentName))
                        .as(name + " reads no property matching " + variable)
                        .contains(variable);
            }
        }
    }

    @Test
    void publishedPortsMatchTheServicesHttpPorts() {
        for (String name : SERVICES) {
            JsonNode service = services.get(name);
            String port = service.at("/environment/QUARKUS_HTTP_PORT").asText();
            assertThat(applicationProperties(name).getProperty("quarkus.http.port"))
                    .as(name + " default HTTP port").isEqualTo(port);
            for (JsonNode mapping : service.path("ports")) {
                assertThat(mapping.asText()).as(name + " port mapping").endsWith(":" + port);
            }
        }
    }

    @Test
    void trainersCanBeScaled() {
        JsonNode trainer = services.get("trainer-service");
        assertThat(trainer.has("ports")).as("a fixed host port would stop --scale").isFalse();
        assertThat(trainer.has("container_name")).as("a container name would stop --scale").isFalse();
    }

    @Test
    void servicesReachKafkaAndMongoByTheirComposeNames() {
        String advertised = services.at("/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText();
        for (String name : SERVICES) {
            JsonNode service = services.get(name);
            String bootstrap = service.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText();
            assertThat(advertised).as(name + " bootstrap " + bootstrap + " is an advertised listener").contains(bootstrap);
            assertThat(service.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
        }
        JsonNode results = services.get("results-service");
        assertThat(results.at("/environment/QUARKUS_MONGODB_CONNECTION_STRING").asText()).isEqualTo("mongodb://mongo:27017");
        assertThat(results.at("/depends_on/mongo/condition").asText()).isEqualTo("service_healthy");
    }

    private static String asEnvironmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Properties applicationProperties(String module) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(
                root.resolve(module).resolve("src/main/resources/application.properties"))) {
            props.load(reader);
        } catch (IOException e) {
            throw new AssertionError(module + " has no readable application.properties", e);
        }
        return props;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
