package io.trainset.connect.testing;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The metrics of one Trainset task, read over JMX from a Connect worker in this JVM (its platform MBean
 * server) as an operator's JMX exporter reads them: through the worker's plugin metrics they are named
 * {@code kafka.connect:type=plugins,connector=<name>,task=<n>[,tag=value]} (docs/metrics.md). Tags are
 * given as {@code "side=submitted"}, {@code "unit=0"}.
 */
public final class ConnectMetrics {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private final String connector;
    private final int task;

    private ConnectMetrics(String connector, int task) {
        this.connector = connector;
        this.task = task;
    }

    public static ConnectMetrics of(String connector, int task) {
        return new ConnectMetrics(connector, task);
    }

    /** {@code metric} of task {@code task} of {@code connector} in the series {@code tags}. */
    public static double read(String connector, int task, String metric, String... tags) {
        return of(connector, task).read(metric, tags);
    }

    /** The MBean of the series {@code tags} (none: the task's untagged metrics). */
    public ObjectName name(String... tags) {
        StringBuilder name = new StringBuilder("kafka.connect:type=plugins,connector=")
                .append(connector)
                .append(",task=")
                .append(task);
        for (String tag : tags) {
            name.append(',').append(tag);
        }
        return objectName(name.toString());
    }

    /** The current value; fails when the series is not registered (the task not started, or gone). */
    public double read(String metric, String... tags) {
        ObjectName name = name(tags);
        try {
            return ((Number) JMX.getAttribute(name, metric)).doubleValue();
        } catch (JMException e) {
            throw new IllegalStateException("Cannot read " + metric + " of " + name + ": " + e, e);
        }
    }

    /** Whether the series {@code tags} is registered: from the task's start (a unit's from its open) to its stop. */
    public boolean registered(String... tags) {
        return JMX.isRegistered(name(tags));
    }

    /**
     * The sum of {@code metric} over every value of tag {@code tag} (e.g. {@code dlq-records-total} over every
     * {@code reason}); 0 while none is registered.
     */
    public double sum(String metric, String tag) {
        double sum = 0;
        for (ObjectName name : JMX.queryNames(objectName(name() + "," + tag + "=*"), null)) {
            try {
                sum += ((Number) JMX.getAttribute(name, metric)).doubleValue();
            } catch (JMException e) {
                // a series without this metric, or one just unregistered: nothing to add
            }
        }
        return sum;
    }

    /** Whether no metric of the connector (any task, any unit) is registered any more. */
    public boolean connectorGone() {
        Set<ObjectName> left =
                JMX.queryNames(objectName("kafka.connect:type=plugins,connector=" + connector + ",*"), null);
        return left.isEmpty();
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException("Not a JMX name: " + name, e);
        }
    }

    /** JVM arguments that open a worker's platform MBean server on {@code port} (no authentication, no TLS). */
    public static List<String> jmxRemoteArgs(int port) {
        return List.of(
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-Djava.rmi.server.hostname=127.0.0.1");
    }
}
