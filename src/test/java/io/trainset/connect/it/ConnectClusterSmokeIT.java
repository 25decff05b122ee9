package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Proves the harness: one broker and one worker start, Kafka round-trips, REST answers. */
@Timeout(120)
class ConnectClusterSmokeIT {

    private static ConnectClusterFixture connect;

    @BeforeAll
    static void startCluster() {
        connect = ConnectClusterFixture.builder().workers(1).start();
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void producesAndConsumesThroughTheEmbeddedBroker() {
        String topic = "smoke-events";
        connect.createTopic(topic, 4);

        Map<String, String> records = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            records.put("key-" + i, "{\"n\":" + i + "}");
        }
        List<RecordMetadata> acks = connect.produceAll(topic, records);
        assertThat(acks).hasSize(100);
        assertThat(acks.stream().map(RecordMetadata::partition).collect(Collectors.toSet()))
                .as("keys spread over the 4 partitions")
                .hasSizeGreaterThan(1)
                .allMatch(p -> p >= 0 && p < 4);

        List<ConsumerRecord<String, String>> read = connect.consumeAll(topic, 100, Duration.ofSeconds(20));
        assertThat(read).hasSize(100);
        Map<String, String> back = new LinkedHashMap<>();
        read.forEach(r -> back.put(r.key(), r.value()));
        assertThat(back).isEqualTo(records);
    }

    @Test
    void restListsTheTrainsetSinkConnectorPlugin() throws Exception {
        JsonNode plugins = new ObjectMapper().readTree(connect.connectorPlugins());
        List<String> classes = new ArrayList<>();
        plugins.forEach(p -> classes.add(p.path("class").asText()));
        assertThat(classes).contains("io.trainset.connect.TrainsetSinkConnector");

        Set<String> types = new HashSet<>();
        plugins.forEach(p -> {
            if (p.path("class").asText().equals("io.trainset.connect.TrainsetSinkConnector")) {
                types.add(p.path("type").asText());
            }
        });
        assertThat(types).containsExactly("sink");
    }

    @Test
    void restAnswersForAnUnknownConnector() {
        ConnectClusterFixture.RestResponse response = connect.rest("GET", "connectors/nope/status", null);
        assertThat(response.status()).isEqualTo(404);
    }
}
