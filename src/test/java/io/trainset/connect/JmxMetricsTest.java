package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.Tags;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.metrics.UnitMetrics;
import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.TestClock;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** On workers without plugin metrics the task's metrics are MBeans of the trainset domain, gone at stop. */
class JmxMetricsTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final TestClock clock = TestClock.atMillis(5_000_000);
    private final TaskIdentity task = new TaskIdentity("orders", "2");

    @Test
    void metricsAreAttributesOfTheTaskAndUnitMBeansAndReadBackWhatWasRecorded() throws Exception {
        try (TaskMetrics metrics = new TaskMetrics(clock, new JmxMetrics(server, task))) {
            metrics.add(Metric.RECORDS_READ, Tags.Side.RESOLVED, 7);
            metrics.add(Metric.ROWS_WRITTEN, Tags.Status.TIMED_OUT, 3);
            metrics.add(Metric.FILES_UPLOADED, 2);
            metrics.committed(40);
            UnitMetrics unit = metrics.openUnit(4);
            unit.set(Metric.WATERMARK, 4_000_000);
            clock.advanceMillis(250);

            assertThat(server.getAttribute(
                            name("task-metrics,connector=orders,task=2,side=resolved"), "records-read-total"))
                    .isEqualTo(7.0);
            assertThat(server.getAttribute(
                            name("task-metrics,connector=orders,task=2,status=timed-out"), "rows-written-total"))
                    .isEqualTo(3.0);
            ObjectName taskName = name("task-metrics,connector=orders,task=2");
            assertThat(server.getAttribute(taskName, "files-uploaded-total")).isEqualTo(2.0);
            assertThat(server.getAttribute(taskName, "commit-latency-ms-p99")).isEqualTo(40.0);
            assertThat((Double) server.getAttribute(taskName, "open-files")).isNaN();
            ObjectName unitName = name("unit-metrics,connector=orders,task=2,unit=4");
            assertThat(server.getAttribute(unitName, "watermark-ms")).isEqualTo(4_000_000.0);
            assertThat(server.getAttribute(unitName, "event-time-lag-ms")).isEqualTo(1_000_250.0);
            assertThat(server.getAttribute(unitName, "checkpoint-age-ms")).isEqualTo(250.0);
            assertThat(server.getMBeanInfo(unitName).getAttributes())
                    .extracting(a -> a.getType())
                    .containsOnly(Double.class.getName());

            metrics.closeUnit(4);
            assertThat(server.isRegistered(unitName)).isFalse();
        }
        assertThat(server.queryNames(new ObjectName("trainset:*"), null)).isEmpty();
    }

    @Test
    void aRestartedTaskLeavesNoMBeansBehindEvenWhenTheOldInstanceStopsLast() throws Exception {
        TaskMetrics old = new TaskMetrics(clock, new JmxMetrics(server, task));
        old.openUnit(0);
        int registered = server.queryNames(new ObjectName("trainset:*"), null).size();

        TaskMetrics restarted = new TaskMetrics(clock, new JmxMetrics(server, task));
        restarted.openUnit(0).set(Metric.EVENTS_BUFFERED, 9);
        old.close();

        assertThat(server.queryNames(new ObjectName("trainset:*"), null)).hasSize(registered);
        assertThat(server.getAttribute(name("unit-metrics,connector=orders,task=2,unit=0"), "events-buffered"))
                .isEqualTo(9.0);
        restarted.close();
        assertThat(server.queryNames(new ObjectName("trainset:*"), null)).isEmpty();
    }

    @Test
    void taskMBeansHoldEverySeriesOnce() throws Exception {
        try (TaskMetrics metrics = new TaskMetrics(clock, new JmxMetrics(server, task))) {
            metrics.openUnit(1);
            long series = server.queryNames(new ObjectName("trainset:*"), null).stream()
                    .mapToLong(n -> infoSize(n))
                    .sum();
            long expected = java.util.Arrays.stream(Metric.values())
                    .mapToLong(m -> m.dimension().size())
                    .sum();
            assertThat(series).isEqualTo(expected);
        }
    }

    @Test
    void namesThatAreNotPlainAreQuotedAsKafkaDoes() throws Exception {
        JmxMetrics jmx = new JmxMetrics(server, new TaskIdentity("a,b=c", "0"));
        try (TaskMetrics metrics = new TaskMetrics(clock, jmx)) {
            ObjectName quoted = name("task-metrics,connector=\"a,b=c\",task=0");
            assertThat(server.isRegistered(quoted)).isTrue();
            assertThat(jmx.describe()).contains("connector=\"a,b=c\"");
        }
    }

    @Test
    void anMBeanServerThatRefusesFailsNothing() throws Exception {
        MBeanServer refusing = (MBeanServer) java.lang.reflect.Proxy.newProxyInstance(
                MBeanServer.class.getClassLoader(), new Class<?>[] {MBeanServer.class}, (proxy, method, args) -> {
                    throw new javax.management.MBeanRegistrationException(new Exception("refused"), "refused");
                });
        try (LogCapture log = new LogCapture(JmxMetrics.class.getName())) {
            try (TaskMetrics metrics = new TaskMetrics(clock, new JmxMetrics(refusing, task))) {
                metrics.increment(Metric.COMMITS);
                metrics.openUnit(0).set(Metric.WATERMARK, 1);
                metrics.closeUnit(0);
            }
            assertThat(log.messages())
                    .containsExactly(
                            "Could not register 19 of the 19 JMX MBeans of connector "
                                    + "orders task 2 {} (the first failed with javax.management.MBeanRegistrationException: refused); "
                                    + "the task goes on without them",
                            "Could not register 1 of the 1 JMX MBeans of connector orders "
                                    + "task 2 {unit=0} (the first failed with javax.management.MBeanRegistrationException: refused); "
                                    + "the task goes on without them");
        }
    }

    private long infoSize(ObjectName name) {
        try {
            return server.getMBeanInfo(name).getAttributes().length;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectName name(String typeAndTags) throws Exception {
        return new ObjectName("trainset:type=" + typeAndTags);
    }
}
