package io.trainset.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling for any sink: a plain {@link KafkaConsumer} with byte-array deserializers and default
 * fetch settings reading every partition of both topics from the beginning to the end; {@link #parsing()}: the
 * same, parsing every value with Jackson ({@code readTree}), the least any JSON sink does.
 */
final class ConsumerCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final List<String> topics;
    private final int partitions;
    private final ProcessMeter meter;
    private final boolean parse;

    ConsumerCeiling(String bootstrap, List<String> topics, int partitions, ProcessMeter meter) {
        this(bootstrap, topics, partitions, meter, false);
    }

    private ConsumerCeiling(String bootstrap, List<String> topics, int partitions, ProcessMeter meter, boolean parse) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.partitions = partitions;
        this.meter = meter;
        this.parse = parse;
    }

    ConsumerCeiling metered(ProcessMeter processMeter) {
        return new ConsumerCeiling(bootstrap, topics, partitions, processMeter, parse);
    }

    /** The same consumer parsing every value with Jackson's {@code readTree}. */
    ConsumerCeiling parsing() {
        return new ConsumerCeiling(bootstrap, topics, partitions, meter, true);
    }

    /** Records in the topics (from the log start to the end). */
    long count() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> assigned = partitions();
            Map<TopicPartition, Long> start = consumer.beginningOffsets(assigned);
            return consumer.endOffsets(assigned).entrySet().stream()
                    .mapToLong(e -> e.getValue() - start.get(e.getKey()))
                    .sum();
        }
    }

    private List<TopicPartition> partitions() {
        List<TopicPartition> assigned = new ArrayList<>();
        topics.forEach(t -> {
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(t, p));
            }
        });
        return assigned;
    }

    /** What {@link #readToEnd} hands every record to. */
    interface RecordHandler {
        /** Called once the consumer is assigned and knows the end offsets, before its first poll. */
        default void assigned() {}

        /** Called once, when the first non-empty batch arrived, before its records. */
        void first();

        void accept(ConsumerRecord<byte[], byte[]> record);
    }

    /** Reads every partition of the topics from the beginning to the end, each record to {@code handler}. */
    void readToEnd(RecordHandler handler) {
        List<TopicPartition> assigned = partitions();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            handler.assigned();
            boolean first = true;
            while (!atEnd(consumer, assigned, end)) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (!batch.isEmpty() && first) {
                    first = false;
                    handler.first();
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    handler.accept(record);
                }
            }
        }
    }

    Measurement run(int round) {
        meter.reset();
        Counts counts = new Counts();
        readToEnd(counts);
        double seconds = (System.nanoTime() - counts.first) / 1e9;
        long cpuNanos = ProcessMeter.processCpuNanos() - counts.cpu0;
        double other = MachineLoad.otherCores(MachineLoad.busyNanos() - counts.machine0, cpuNanos, seconds);
        double cpu = cpuNanos / 1e9;
        if (parse && counts.fields == 0) {
            throw new IllegalStateException("Parsed no JSON field in " + counts.records + " records");
        }
        double readerCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - counts.threadCpu0) / 1e9;
        return new Measurement(
                parse ? "consumer-jackson" : "consumer",
                round,
                counts.records,
                counts.bytes,
                seconds,
                0,
                cpu,
                readerCpu,
                meter.peakHeapBytes(),
                meter.peakHeapAfterGcBytes(),
                0,
                0,
                other);
    }

    /** Counts what it reads (and parses it when {@link #parse}); the window starts at the first record. */
    private final class Counts implements RecordHandler {
        long records;
        long bytes;
        long fields;
        long first;
        long cpu0;
        long machine0;
        long threadCpu0;

        @Override
        public void assigned() {
            threadCpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }

        @Override
        public void first() {
            first = System.nanoTime();
            cpu0 = ProcessMeter.processCpuNanos();
            machine0 = MachineLoad.busyNanos();
        }

        @Override
        public void accept(ConsumerRecord<byte[], byte[]> record) {
            records++;
            bytes += record.serializedKeySize() + record.serializedValueSize();
            fields += parse ? parse(record).size() : 0;
        }
    }

    /** The record's value as a Jackson tree: what every JSON sink reads at the least. */
    static JsonNode parse(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The value at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " is not JSON",
                    e);
        }
    }

    private static boolean atEnd(
            KafkaConsumer<?, ?> consumer, List<TopicPartition> assigned, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : assigned) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainset-bench-ceiling");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
