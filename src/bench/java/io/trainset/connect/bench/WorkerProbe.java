package io.trainset.connect.bench;

import java.io.IOException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Watches a stock worker's sink tasks over remote JMX (Connect's own {@code sink-record-read-total}, every 100 ms):
 * when the first record was read and when the last of {@code expected} was, as the worker itself counts them.
 */
final class WorkerProbe implements AutoCloseable {

    private final JMXConnector jmx;
    private final ObjectName tasks;
    private final long expected;
    private final Thread poller;
    private volatile long firstMs;
    private volatile long lastMs;
    private volatile boolean running = true;

    private WorkerProbe(JMXConnector jmx, String connector, long expected) throws IOException {
        this.jmx = jmx;
        this.expected = expected;
        try {
            this.tasks = new ObjectName("kafka.connect:type=sink-task-metrics,connector=" + connector + ",task=*");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(connector, e);
        }
        this.poller = new Thread(this::poll, "bench-worker-probe");
        poller.setDaemon(true);
    }

    static WorkerProbe start(int port, String connector, long expected) throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        WorkerProbe probe = new WorkerProbe(JMXConnectorFactory.connect(url), connector, expected);
        probe.poller.start();
        return probe;
    }

    /** When the tasks read their first record (epoch ms), 0 before. */
    long firstMs() {
        return firstMs;
    }

    /** When they had read all expected records (epoch ms), 0 before. */
    long lastMs() {
        return lastMs;
    }

    private void poll() {
        while (running && lastMs == 0) {
            double read = read();
            long now = System.currentTimeMillis();
            if (read > 0 && firstMs == 0) {
                firstMs = now;
            }
            if (read >= expected) {
                lastMs = now;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private double read() {
        try {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            double read = 0;
            for (ObjectName task : server.queryNames(tasks, null)) {
                read += ((Number) server.getAttribute(task, "sink-record-read-total")).doubleValue();
            }
            return read;
        } catch (Exception e) {
            return 0; // the task's metrics are not registered yet
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        poller.interrupt();
        jmx.close();
    }
}
