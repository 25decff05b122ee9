package io.trainset.connect.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads the benchmark topics once: {@code n} issues and their {@code n} resolutions, produced in
 * event-time order (each resolution when its time comes), keyed by issue id with the default
 * partitioner so both sides of a key share a partition; then one clock record per partition of
 * each topic, later than every event by more than the grace, so every join unit decides every row.
 */
final class TopicLoader {

    /** What was loaded: data records and their serialized bytes (key + value), and the last event time. */
    record Loaded(long records, long bytes, long lastEventMs) {}

    private final String bootstrap;

    TopicLoader(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    Loaded load(String issues, String resolutions, int partitions, long n, long graceMs) {
        return load(issues, resolutions, partitions, n, graceMs, i -> true);
    }

    /** As above, issue {@code i} resolved where {@code resolved} says; clock records {@code graceMs} after all. */
    Loaded load(String issues, String resolutions, int partitions, long n, long graceMs, LongPredicate resolved) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long records = 0;
        long last = 0;
        PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long i = 0; i < n; i++) {
                long submittedAt = BenchTickets.submittedAt(i);
                while (!due.isEmpty() && due.peek()[0] <= submittedAt) {
                    bytes += send(producer, resolutions, due.poll()[1], failure, false);
                    records++;
                }
                bytes += send(producer, issues, i, failure, true);
                records++;
                last = Math.max(last, submittedAt);
                if (resolved.test(i)) {
                    due.add(new long[] {BenchTickets.resolvedAt(i), i});
                    last = Math.max(last, BenchTickets.resolvedAt(i));
                }
            }
            while (!due.isEmpty()) {
                bytes += send(producer, resolutions, due.poll()[1], failure, false);
                records++;
            }
            advanceEventTime(producer, issues, resolutions, partitions, last + graceMs + 3_600_000L);
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Loading the benchmark topics failed", failure.get());
        }
        return new Loaded(records, bytes, last);
    }

    private static long send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            long i,
            AtomicReference<Exception> failure,
            boolean issue) {
        byte[] key = BenchTickets.bytes(BenchTickets.key(i));
        byte[] value = BenchTickets.bytes(issue ? BenchTickets.submittedJson(i) : BenchTickets.resolvedJson(i));
        long time = issue ? BenchTickets.submittedAt(i) : BenchTickets.resolvedAt(i);
        producer.send(new ProducerRecord<>(topic, null, time, key, value), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        return key.length + value.length;
    }

    /** As the integration tests do: a later record on every partition of both topics, matching nothing. */
    private static void advanceEventTime(
            KafkaProducer<byte[], byte[]> producer, String issues, String resolutions, int partitions, long timeMs) {
        for (int p = 0; p < partitions; p++) {
            producer.send(new ProducerRecord<>(
                    issues, p, timeMs, BenchTickets.bytes("CLOCK-" + p), BenchTickets.bytes("{}")));
            producer.send(new ProducerRecord<>(
                    resolutions,
                    p,
                    timeMs,
                    BenchTickets.bytes("CLOCK-RESOLUTION-" + p),
                    BenchTickets.bytes("{\"department\":\"none\"}")));
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "trainset-bench-loader");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
