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
        if (!usesMongo()) {
            return Map.of("kafka.bootstrap.servers", infra.bootstrapServers());
        }
        return Map.of(
                "kafka.bootstrap.servers", infra.bootstrapServers(),
                "quarkus.mongodb.connection-string", infra.mongoConnectionString());
    }

    /** Only services with the MongoDB client get its setting (others would warn of an unknown key). */
    private static boolean usesMongo() {
        try {
            Class.forName("io.quarkus.mongodb.runtime.MongoClients", false,
                    Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped at exit.
    }
}
