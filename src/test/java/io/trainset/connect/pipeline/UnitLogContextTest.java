package io.trainset.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The logging context of a unit's work: Connect's task context on the lanes' threads, and the unit. */
class UnitLogContextTest {

    private static final String CONNECT_CONTEXT = "connector.context";

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aUnitsJobsOnTheLanesLogWithTheTasksContextAndTheUnit() {
        MDC.put(CONNECT_CONTEXT, "[support-routing|task-0] ");
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        try (TaskLanes lanes = TaskLanes.threads("task-thread-support-routing-0", 1, 1, 2)) {
            new UnitJobs(3, lanes).onUploads(() -> seen.set(MDC.getCopyOfContextMap()));
            Map<String, String> afterwards = lanes.uploads().call(MDC::getCopyOfContextMap);

            assertThat(seen.get())
                    .containsEntry(CONNECT_CONTEXT, "[support-routing|task-0] ")
                    .containsEntry(UnitLogContext.KEY, "unit=3 ");
            assertThat(afterwards)
                    .as("another job of the lane names no unit")
                    .containsEntry(CONNECT_CONTEXT, "[support-routing|task-0] ")
                    .doesNotContainKey(UnitLogContext.KEY);
        }
    }

    @Test
    void aUnitsWorkOnTheTaskThreadIsNamedAndTheContextBeforeItRestored() {
        MDC.put(UnitLogContext.KEY, "unit=1 ");
        String inside = UnitLogContext.around(4, () -> MDC.get(UnitLogContext.KEY));

        assertThat(inside).isEqualTo("unit=4 ");
        assertThat(MDC.get(UnitLogContext.KEY)).isEqualTo("unit=1 ");
    }
}
