package io.hyperstream.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    private static final Map<String, Object> SECURE = Map.of(
            "bootstrap.servers", "broker:9093",
            "group.id", "application-name",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.location", "/etc/kafka/truststore.p12",
            "max.poll.interval.ms", 3000);

    @Test
    void everySettingButTheGroupGoesToEveryClient() {
        Map<String, Object> common = KafkaClientProperties.of(SECURE).common();

        assertThat(common).doesNotContainKey("group.id")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("max.poll.interval.ms", 3000);
        common.put("client.id", "changed");
        assertThat(KafkaClientProperties.of(SECURE).common()).doesNotContainKey("client.id");
    }

    @Test
    void anAdminClientKeepsTheSecuritySettingsAndDropsConsumerOnes() {
        Map<String, Object> admin = KafkaClientProperties.of(SECURE).admin("probe");

        assertThat(admin).containsEntry("client.id", "probe")
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location")
                .doesNotContainKeys("max.poll.interval.ms", "group.id");
    }

    @Test
    void theBrokerAddressIsRequired() {
        assertThatThrownBy(() -> KafkaClientProperties.of(Map.of("security.protocol", "SSL")))
                .hasMessage("kafka.bootstrap.servers is not set");
    }
}
