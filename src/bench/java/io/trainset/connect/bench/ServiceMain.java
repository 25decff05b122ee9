package io.trainset.connect.bench;

import io.trainset.connect.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * The deployed benchmark's services, each in its own JVM: {@code broker} (one KRaft broker, Kafka's own kit) or
 * {@code s3 <dir> <bucket>} (s3proxy, filesystem store). Prints {@code READY <address>}, then serves until its
 * standard input closes.
 */
public final class ServiceMain {

    private ServiceMain() {}

    public static void main(String[] args) throws Exception {
        AutoCloseable service;
        if (args[0].equals("broker")) {
            Properties broker = new Properties();
            broker.put("auto.create.topics.enable", "false");
            broker.put("log.retention.ms", "-1");
            // The broker's own default (Kafka's test kit sets 0): a new group's first assignment waits for the
            // members that join within it, as on any stock broker. With 0, the first of two sink tasks was assigned
            // every partition and read for seconds before the second joined and the rebalance revoked them all
            // (docs/performance.md, Issue 14, session 11).
            broker.put("group.initial.rebalance.delay.ms", "3000");
            EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, broker);
            kafka.start();
            service = kafka::stop;
            System.out.println("READY " + kafka.bootstrapServers());
        } else {
            S3ProxyServer s3 = S3ProxyServer.start(Path.of(args[1]));
            s3.createBucket(args[2]);
            service = s3;
            System.out.println("READY " + s3.endpoint());
        }
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the benchmark closes our standard input
        }
        service.close();
        System.exit(0);
    }
}
