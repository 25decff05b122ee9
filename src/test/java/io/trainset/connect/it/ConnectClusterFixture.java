package io.trainset.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka Connect cluster inside the test JVM: Kafka's own test kit
 * ({@link EmbeddedConnectCluster}: KRaft broker(s) plus distributed Connect workers with their REST
 * API), wrapped for the project's integration tests and the quickstart.
 *
 * <p>Connectors are configured the way users do it: JSON over the workers' REST API
 * ({@link #putConnectorConfig(String, String)}). Waiting is done by polling with a deadline
 * ({@link #await(String, Duration, Callable)}), never by sleeping for a fixed time.
 *
 * <pre>{@code
 * try (ConnectClusterFixture connect = ConnectClusterFixture.builder().workers(1).start()) {
 *     connect.createTopic("submitted", 4);
 *     connect.produce("submitted", "k1", "{\"id\":1}");
 *     connect.putConnectorConfig("trainset", "{\"connector.class\": \"...\", ...}");
 *     connect.awaitConnectorRunning("trainset", 1, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Worker defaults (each can be overridden with {@link Builder#workerProperty(String, String)}):
 * {@code plugin.discovery=service_load} (plugins are found through
 * {@code META-INF/services}, which cuts start-up time and memory several-fold compared with
 * scanning the classpath), {@code scheduled.rebalance.max.delay.ms=5000} (tasks of a departed
 * worker move within seconds instead of five minutes), {@code offset.flush.interval.ms=1000}, and
 * the kit's {@code StringConverter} for keys and values.
 */
public final class ConnectClusterFixture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectClusterFixture.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration REST_TIMEOUT = Duration.ofSeconds(90);
    /** How long a REST write is retried while the workers answer 409 (rebalance in progress). */
    private static final Duration REBALANCE_RETRY = Duration.ofSeconds(60);

    /** Worker properties every fixture starts with, unless the builder overrides them. */
    public static final Map<String, String> DEFAULT_WORKER_PROPS = Map.of(
            "plugin.discovery", "service_load",
            "scheduled.rebalance.max.delay.ms", "5000",
            "offset.flush.interval.ms", "1000");

    private final EmbeddedConnectCluster cluster;
    private final int initialWorkers;
    private final HttpClient http;
    private KafkaProducer<String, String> producer;
    private boolean started;

    private ConnectClusterFixture(Builder builder) {
        Map<String, String> workerProps = new HashMap<>(DEFAULT_WORKER_PROPS);
        workerProps.putAll(builder.workerProps);
        this.initialWorkers = builder.workers;
        this.cluster = new EmbeddedConnectCluster.Builder()
                .name(builder.name)
                .numWorkers(builder.workers)
                .numBrokers(builder.brokers)
                .workerProps(workerProps)
                .brokerProps(builder.brokerProps)
                .build();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Broker properties every fixture starts with: topics keep every record ({@code log.retention.ms=-1}). The tests'
     * events carry fixed event times months in the past (record timestamps = event times), which the broker's default
     * 7-day time retention would delete at its first retention check, about 30 s after start, and then every 5
     * minutes: a test would then lose its input mid-run (a sink reading from "earliest" finds nothing, a restored unit
     * finds its checkpoint offset gone). Override with {@link Builder#brokerProperty(String, String)}.
     */
    private static Properties defaultBrokerProps() {
        Properties props = new Properties();
        props.setProperty("log.retention.ms", "-1");
        return props;
    }

    /** Builds the fixture without starting it. */
    public static final class Builder {
        private String name = "trainset-it-" + Long.toHexString(System.nanoTime());
        private int workers = 1;
        private int brokers = 1;
        private final Map<String, String> workerProps = new HashMap<>();
        private final Properties brokerProps = defaultBrokerProps();

        private Builder() {}

        /** Name of the cluster (also prefixes its internal topics and group id). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** Number of Connect workers started by {@link #start()}; default 1. */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1");
            }
            this.workers = workers;
            return this;
        }

        /** Number of KRaft brokers; default 1. */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be >= 1");
            }
            this.brokers = brokers;
            return this;
        }

        /** Sets (or overrides a default of) a property of every worker. */
        public Builder workerProperty(String key, String value) {
            workerProps.put(key, value);
            return this;
        }

        public Builder workerProperties(Map<String, String> props) {
            workerProps.putAll(props);
            return this;
        }

        /** Sets a broker property (e.g. {@code log.retention.ms}). */
        public Builder brokerProperty(String key, String value) {
            brokerProps.setProperty(key, value);
            return this;
        }

        /** Tasks of a departed worker are reassigned after at most this delay (default 5 s). */
        public Builder rebalanceDelay(Duration delay) {
            return workerProperty("scheduled.rebalance.max.delay.ms", Long.toString(delay.toMillis()));
        }

        /** How often workers commit sink offsets (default 1 s). */
        public Builder offsetFlushInterval(Duration interval) {
            return workerProperty("offset.flush.interval.ms", Long.toString(interval.toMillis()));
        }

        public ConnectClusterFixture build() {
            return new ConnectClusterFixture(this);
        }

        /** Builds and starts the cluster; the caller closes it. */
        public ConnectClusterFixture start() {
            ConnectClusterFixture fixture = build();
            try {
                fixture.start();
            } catch (RuntimeException | Error e) {
                fixture.close();
                throw e;
            }
            return fixture;
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts the broker(s) and the workers, and returns once every worker answers REST calls. */
    public ConnectClusterFixture start() {
        if (started) {
            return this;
        }
        long t0 = System.nanoTime();
        cluster.start();
        started = true;
        awaitWorkers(initialWorkers, Duration.ofSeconds(60));
        log.info(
                "Connect cluster started in {} ms: {} worker(s), bootstrap {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                initialWorkers,
                bootstrapServers());
        return this;
    }

    @Override
    public void close() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.warn("Could not close producer", e);
            }
            producer = null;
        }
        if (started) {
            started = false;
            cluster.stop();
        }
    }

    /** The underlying kit, for what this fixture does not wrap (e.g. {@code assertions()}). */
    public EmbeddedConnectCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    /** Starts one more worker and waits until it serves REST calls. */
    public WorkerHandle addWorker() {
        int before = cluster.healthyWorkers().size();
        WorkerHandle worker = cluster.addWorker();
        awaitWorkers(before + 1, Duration.ofSeconds(60));
        return worker;
    }

    /** Stops one worker (its tasks move after the scheduled rebalance delay). */
    public void removeWorker() {
        cluster.removeWorker();
    }

    public void removeWorker(WorkerHandle worker) {
        cluster.removeWorker(worker);
    }

    public int workerCount() {
        return cluster.workers().size();
    }

    /** Waits until {@code count} workers are up and answer their REST health check. */
    public void awaitWorkers(int count, Duration timeout) {
        await(
                count + " healthy Connect worker(s)",
                timeout,
                () -> cluster.healthyWorkers().size() >= count);
    }

    // ------------------------------------------------------------------ Kafka

    public void createTopic(String topic, int partitions) {
        cluster.kafka().createTopic(topic, partitions);
    }

    public void createTopic(String topic, int partitions, Map<String, String> topicConfig) {
        cluster.kafka().createTopic(topic, partitions, 1, topicConfig);
    }

    /** Produces one record and waits for the broker's acknowledgement. */
    public RecordMetadata produce(String topic, String key, String value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    /** Produces one record to a given partition with a given timestamp and waits for the ack. */
    public RecordMetadata produce(String topic, Integer partition, Long timestamp, String key, String value) {
        return send(new ProducerRecord<>(topic, partition, timestamp, key, value));
    }

    /** Produces one record (headers, partition, timestamp as given) and waits for the ack. */
    public RecordMetadata send(ProducerRecord<String, String> record) {
        return sendAll(List.of(record)).get(0);
    }

    /**
     * Produces many key/value records to one topic, pipelined through one producer, and waits for
     * all acknowledgements (in iteration order).
     */
    public List<RecordMetadata> produceAll(String topic, Map<String, String> keyValues) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(keyValues.size());
        keyValues.forEach((k, v) -> records.add(new ProducerRecord<>(topic, k, v)));
        return sendAll(records);
    }

    /** Produces many records, pipelined through one producer, and waits for all acknowledgements. */
    public List<RecordMetadata> sendAll(Collection<ProducerRecord<String, String>> records) {
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        for (ProducerRecord<String, String> record : records) {
            futures.add(p.send(record));
        }
        p.flush();
        List<RecordMetadata> acks = new ArrayList<>(futures.size());
        for (Future<RecordMetadata> f : futures) {
            try {
                acks.add(f.get(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while producing", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Could not produce a record", e);
            }
        }
        return acks;
    }

    /** The fixture's shared String producer (acks=all, idempotent); closed with the fixture. */
    public synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "trainset-it-producer");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /**
     * Reads {@code topic} from the beginning of every partition until at least {@code count}
     * records were read, and returns them (partition by partition, in offset order within one).
     * Fails with an {@link AssertionError} if fewer arrive before {@code timeout}.
     */
    public List<ConsumerRecord<String, String>> consumeAll(String topic, int count, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainset-it-reader-" + topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = await("metadata of topic " + topic, timeout, () -> {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                return infos == null || infos.isEmpty()
                        ? null
                        : infos.stream()
                                .map(i -> new TopicPartition(i.topic(), i.partition()))
                                .collect(Collectors.toList());
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (out.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected at least " + count + " records in topic '" + topic + "' within "
                            + timeout + " but read " + out.size());
                }
                consumer.poll(Duration.ofNanos(
                                Math.min(left, Duration.ofMillis(500).toNanos())))
                        .forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Reads {@code topic} from the beginning of every partition up to its end offsets at the time of the call
     * (records written after the call are not awaited), and returns them partition by partition.
     */
    public List<ConsumerRecord<String, String>> consumeToEnd(String topic, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainset-it-reader-" + topic);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await("the end of topic " + topic + " " + ends, timeout, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return out;
    }

    // ------------------------------------------------------------------ Connect REST

    /** A REST answer: HTTP status and raw body. */
    public record RestResponse(int status, String body) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** The body parsed as JSON ({@code null} when empty). */
        public JsonNode json() {
            return parse(body);
        }
    }

    /** Thrown when a REST call answers with an unexpected status. */
    public static final class RestException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String body;

        RestException(String request, int status, String body) {
            super(request + " answered HTTP " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    /** Base URL of a running worker's REST API, e.g. {@code http://localhost:41234/}. */
    public URI restUrl() {
        return cluster.workers().stream()
                .map(WorkerHandle::url)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No running Connect worker"));
    }

    /**
     * Sends one REST request to a running worker ({@code path} relative to the root, e.g.
     * {@code connectors/x/status}) and returns status and body whatever the status.
     */
    public RestResponse rest(String method, String path, String jsonBody) {
        URI uri = restUrl().resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(REST_TIMEOUT).header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RestResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + uri, e);
        }
    }

    /**
     * Sends a request and requires a 2xx answer (retrying while the workers answer 409, which
     * Connect returns during a rebalance); returns the body.
     */
    public String restExpectSuccess(String method, String path, String jsonBody) {
        RestResponse[] last = new RestResponse[1];
        try {
            await(method + " /" + path + " outside a rebalance", REBALANCE_RETRY, () -> {
                last[0] = rest(method, path, jsonBody);
                if (last[0].status() == 409) {
                    log.info("{} /{} answered 409 (rebalance in progress), retrying", method, path);
                    return false;
                }
                return true;
            });
        } catch (AssertionError timedOut) {
            // still 409 at the deadline: reported below with the last answer
        }
        if (last[0] == null || !last[0].isSuccess()) {
            throw new RestException(
                    method + " /" + path,
                    last[0] == null ? 0 : last[0].status(),
                    last[0] == null ? "no answer" : last[0].body());
        }
        return last[0].body();
    }

    /**
     * Creates or updates a connector exactly as a user would: {@code PUT /connectors/{name}/config}
     * with the JSON object of its configuration. Requires 200 or 201 and returns the response body
     * (the connector info). Throws {@link RestException} otherwise, e.g. 400 for an invalid config.
     */
    public String putConnectorConfig(String name, String configJson) {
        return restExpectSuccess("PUT", "connectors/" + name + "/config", configJson);
    }

    /** Same as {@link #putConnectorConfig(String, String)}, from a map (serialised as a JSON object). */
    public String putConnectorConfig(String name, Map<String, String> config) {
        try {
            return putConnectorConfig(name, JSON.writeValueAsString(new LinkedHashMap<>(config)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw JSON of {@code GET /connectors/{name}/status}; throws {@link RestException} unless 200. */
    public String connectorStatus(String name) {
        RestResponse response = rest("GET", "connectors/" + name + "/status", null);
        if (response.status() != 200) {
            throw new RestException("GET /connectors/" + name + "/status", response.status(), response.body());
        }
        return response.body();
    }

    /** Raw JSON of {@code GET /connector-plugins}. */
    public String connectorPlugins() {
        return restExpectSuccess("GET", "connector-plugins", null);
    }

    /** {@code DELETE /connectors/{name}}; requires 2xx. */
    public void deleteConnector(String name) {
        restExpectSuccess("DELETE", "connectors/" + name, null);
    }

    /** {@code PUT /connectors/{name}/pause}. */
    public void pauseConnector(String name) {
        restExpectSuccess("PUT", "connectors/" + name + "/pause", null);
    }

    /** {@code PUT /connectors/{name}/resume}. */
    public void resumeConnector(String name) {
        restExpectSuccess("PUT", "connectors/" + name + "/resume", null);
    }

    /** {@code POST /connectors/{name}/restart?includeTasks=true&onlyFailed=false}. */
    public void restartConnectorAndTasks(String name) {
        restExpectSuccess("POST", "connectors/" + name + "/restart?includeTasks=true&onlyFailed=false", null);
    }

    /** {@code POST /connectors/{name}/tasks/{task}/restart}. */
    public void restartTask(String name, int task) {
        restExpectSuccess("POST", "connectors/" + name + "/tasks/" + task + "/restart", null);
    }

    /**
     * Polls {@code GET /connectors/{name}/status} until {@code condition} holds for the parsed
     * JSON, and returns that JSON. A 404 (not created yet) counts as "not yet".
     */
    public JsonNode awaitConnectorStatus(
            String name, String description, Duration timeout, Predicate<JsonNode> condition) {
        return await(
                "connector " + name + ": " + description,
                timeout,
                () -> {
                    RestResponse response = rest("GET", "connectors/" + name + "/status", null);
                    if (response.status() != 200) {
                        return null;
                    }
                    JsonNode status = response.json();
                    return condition.test(status) ? status : null;
                },
                () -> describeStatus(name));
    }

    /** Waits until the connector and exactly {@code tasks} tasks are RUNNING. */
    public JsonNode awaitConnectorRunning(String name, int tasks, Duration timeout) {
        return awaitConnectorStatus(
                name,
                "RUNNING with " + tasks + " RUNNING task(s)",
                timeout,
                s -> "RUNNING".equals(s.path("connector").path("state").asText())
                        && s.path("tasks").size() == tasks
                        && allTasksIn(s, "RUNNING"));
    }

    /** Waits until at least one task of the connector is FAILED; returns the status JSON. */
    public JsonNode awaitTaskFailed(String name, Duration timeout) {
        return awaitConnectorStatus(name, "a FAILED task", timeout, s -> {
            for (JsonNode task : s.path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Waits until {@code GET /connectors/{name}} answers 404. */
    public void awaitConnectorGone(String name, Duration timeout) {
        await(
                "connector " + name + " deleted",
                timeout,
                () -> rest("GET", "connectors/" + name, null).status() == 404);
    }

    private static boolean allTasksIn(JsonNode status, String state) {
        for (JsonNode task : status.path("tasks")) {
            if (!state.equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private String describeStatus(String name) {
        try {
            RestResponse response = rest("GET", "connectors/" + name + "/status", null);
            return "last status: HTTP " + response.status() + " " + response.body();
        } catch (RuntimeException e) {
            return "last status unavailable: " + e;
        }
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Polls {@code condition} every 200 ms until it returns {@code true} or a non-null,
     * non-{@code false} value, and returns that value; an exception thrown by the condition counts
     * as "not yet". Fails with an {@link AssertionError} naming {@code description} at the deadline.
     */
    public static <T> T await(String description, Duration timeout, Callable<T> condition) {
        return await(description, timeout, condition, () -> "");
    }

    private static <T> T await(
            String description, Duration timeout, Callable<T> condition, Supplier<String> onTimeout) {
        try {
            return Awaitility.await(description)
                    .atMost(timeout)
                    .pollInterval(POLL_INTERVAL)
                    .pollInSameThread()
                    .ignoreExceptions()
                    .until(condition, value -> value != null && !Boolean.FALSE.equals(value));
        } catch (ConditionTimeoutException e) {
            String extra = onTimeout.get();
            throw new AssertionError(
                    "Timed out after " + timeout + " waiting for " + description
                            + (extra.isEmpty() ? "" : "; " + extra),
                    e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }
}
