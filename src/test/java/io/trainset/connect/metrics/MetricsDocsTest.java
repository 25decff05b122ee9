package io.trainset.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.GeneratedDoc;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/metrics.md is generated from the Metric catalog; this fails when it is stale. */
class MetricsDocsTest {

    private static final Path DOC = Path.of("docs", "metrics.md");

    @Test
    void metricsReferenceIsCurrent() throws IOException {
        GeneratedDoc.assertCurrent(DOC, MetricsDocs.markdown(), MetricsDocsTest.class.getSimpleName());
    }

    @Test
    void everyMetricAndReasonIsInTheReference() {
        String doc = MetricsDocs.markdown();
        for (Metric metric : Metric.values()) {
            assertThat(doc)
                    .contains(
                            "| `" + metric.metricName() + "` | " + metric.type().label() + " | ");
            if (metric.alertable()) {
                assertThat(doc).contains(metric.alert());
            }
        }
        for (Tags.BadReason reason : Tags.BadReason.values()) {
            assertThat(doc).contains("| `bad-records-total` | `" + reason.text() + "` |");
        }
    }
}
