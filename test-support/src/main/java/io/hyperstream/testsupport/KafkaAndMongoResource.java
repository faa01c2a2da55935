package io.hyperstream.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the shared test broker and store:
 * {@code @QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)}.
 */
public class KafkaAndMongoResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.shared();
        return Map.of(
                "kafka.bootstrap.servers", infra.bootstrapServers(),
                "quarkus.mongodb.connection-string", infra.mongoConnectionString());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped at exit.
    }
}
