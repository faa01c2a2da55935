package io.hyperstream.service.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Every {@code kafka.*} property of the service (bootstrap servers, {@code security.protocol},
 * {@code sasl.*}, {@code ssl.*}, size limits...) without the prefix, for the Kafka clients a
 * service builds in code, so that they connect exactly as its SmallRye channels do.
 */
@Singleton
public class KafkaClientProperties {

    private final Map<String, Object> common;

    @Inject
    public KafkaClientProperties(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.common = new HashMap<>(kafka);
        // Each client chooses its own group (or none).
        this.common.remove(ConsumerConfig.GROUP_ID_CONFIG);
        if (!common.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalStateException("kafka.bootstrap.servers is not set");
        }
    }

    /** Settings for clients of a service without Quarkus (tests, tools): at least bootstrap.servers. */
    public static KafkaClientProperties of(Map<String, Object> settings) {
        return new KafkaClientProperties(settings);
    }

    /** Just the broker address, nothing else. */
    public static KafkaClientProperties bootstrap(String bootstrapServers) {
        return new KafkaClientProperties(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The broker(s) to connect to. */
    public String bootstrapServers() {
        return common.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).toString();
    }

    /** A modifiable copy of every setting, for a producer or consumer to add its own to. */
    public Map<String, Object> common() {
        return new HashMap<>(common);
    }

    /**
     * The settings an admin client knows (the others, such as a consumer's poll settings, would
     * only be logged as unused), with its client id.
     */
    public Map<String, Object> admin(String clientId) {
        Map<String, Object> props = common();
        props.keySet().retainAll(AdminClientConfig.configNames());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
