package io.trainset.connect;

import io.trainset.connect.metrics.MetricSet;
import io.trainset.connect.metrics.MetricsSink;
import io.trainset.connect.metrics.Scope;
import io.trainset.connect.metrics.Series;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's metrics as JMX MBeans under the {@code trainset} domain, for workers without plugin metrics
 * (Connect 3.6 to 4.0): {@code trainset:type=task-metrics,connector=C,task=T[,tag=value]} and
 * {@code trainset:type=unit-metrics,connector=C,task=T,unit=N}, one MBean per set of tags, the metric
 * names as attributes. A task instance that finds its names taken (an instance of the same task that
 * has not stopped yet) takes them over; an instance unregisters only the MBeans it still owns.
 */
final class JmxMetrics implements MetricsSink {

    static final String DOMAIN = "trainset";

    private static final Logger LOG = LoggerFactory.getLogger(JmxMetrics.class);
    private static final Pattern PLAIN = Pattern.compile("[\\w.\\-]*");
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final MBeanServer server;
    private final TaskIdentity task;
    private final String owner;
    private final Map<MetricSet, List<ObjectName>> registered = new IdentityHashMap<>();

    JmxMetrics(MBeanServer server, TaskIdentity task) {
        this.server = server;
        this.task = task;
        this.owner = "Trainset metrics of " + task.connector() + " task " + task.task() + " (instance "
                + INSTANCES.incrementAndGet() + ")";
    }

    @Override
    public synchronized void register(MetricSet set) {
        List<ObjectName> names = new ArrayList<>();
        int takenOver = 0;
        Map<Map<String, String>, List<Series>> groups = byTags(set);
        Exception firstFailure = null;
        for (Map.Entry<Map<String, String>, List<Series>> group : groups.entrySet()) {
            try {
                ObjectName name = objectName(set.scope(), group.getKey());
                takenOver += registerOwned(name, new MetricsMBean(group.getValue(), owner)) ? 1 : 0;
                names.add(name);
            } catch (JMException | RuntimeException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (firstFailure != null) {
            LOG.warn(
                    "Could not register {} of the {} JMX MBeans of {} {} (the first failed with {}); the task goes "
                            + "on without them",
                    groups.size() - names.size(),
                    groups.size(),
                    task,
                    set.tags(),
                    firstFailure.toString());
        }
        if (takenOver > 0) {
            LOG.warn(
                    "{} JMX MBeans of {} {} were still registered by an instance of this task that has not "
                            + "stopped yet; this instance took them over",
                    takenOver,
                    task,
                    set.tags());
        }
        registered.put(set, names);
    }

    @Override
    public synchronized void unregister(MetricSet set) {
        for (ObjectName name : registered.getOrDefault(set, List.of())) {
            try {
                if (server.isRegistered(name)
                        && owner.equals(server.getMBeanInfo(name).getDescription())) {
                    server.unregisterMBean(name);
                }
            } catch (JMException | RuntimeException e) {
                LOG.warn("Could not unregister the JMX metrics {}: {}", name, e.toString());
            }
        }
        registered.remove(set);
    }

    @Override
    public String describe() {
        return "as JMX MBeans " + DOMAIN + ":type=task-metrics,connector=" + value(task.connector()) + ",task="
                + value(task.task()) + " (and type=unit-metrics,...,unit=N per join unit)";
    }

    /** Registers {@code mbean}; true when it replaced another instance's MBean of that name. */
    private boolean registerOwned(ObjectName name, MetricsMBean mbean) throws JMException {
        try {
            server.registerMBean(mbean, name);
            return false;
        } catch (InstanceAlreadyExistsException e) {
            server.unregisterMBean(name);
            server.registerMBean(mbean, name);
            return true;
        }
    }

    /** The series of {@code set} grouped by their tags, in order: one MBean per group. */
    private static Map<Map<String, String>, List<Series>> byTags(MetricSet set) {
        Map<Map<String, String>, List<Series>> groups = new LinkedHashMap<>();
        for (Series series : set.series()) {
            groups.computeIfAbsent(series.orderedTags(), tags -> new ArrayList<>())
                    .add(series);
        }
        return groups;
    }

    ObjectName objectName(Scope scope, Map<String, String> tags) throws JMException {
        StringBuilder name = new StringBuilder(DOMAIN)
                .append(":type=")
                .append(scope.jmxType())
                .append(",connector=")
                .append(value(task.connector()))
                .append(",task=")
                .append(value(task.task()));
        tags.forEach((key, tagValue) -> name.append(',').append(key).append('=').append(value(tagValue)));
        return new ObjectName(name.toString());
    }

    /** A key property value as Kafka's JmxReporter writes it: as is when plain, quoted otherwise. */
    private static String value(String text) {
        return PLAIN.matcher(text).matches() ? text : ObjectName.quote(text);
    }
}
