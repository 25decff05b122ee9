package io.trainset.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus rules and the Grafana dashboard in config/ name only metrics of the catalog: every series
 * of both JMX forms is exported under its catalog name, type and tags, and every metric with an alert is
 * on the dashboard.
 */
class MetricsDashboardsTest {

    private static final Path RULES = Path.of("config", "prometheus-jmx-trainset.yml");
    private static final Path DASHBOARD = Path.of("config", "grafana-trainset.json");
    private static final Pattern PROMETHEUS_NAME = Pattern.compile("trainset_[a-z0-9_]+");

    /** A rule of the JMX exporter, matched as the exporter does: the pattern anywhere in bean and attribute. */
    private record Rule(Pattern pattern, String name, String type, Map<String, String> labels) {}

    /** What the exporter makes of one attribute. */
    private record Exported(String name, String type, Map<String, String> labels) {}

    @Test
    void everySeriesOfBothJmxFormsIsExportedUnderItsCatalogNameTypeAndTags() throws IOException {
        List<Rule> rules = rules();
        for (Series series : everySeries()) {
            Map<String, String> labels = new LinkedHashMap<>(Map.of("connector", "my-sink", "task", "3"));
            labels.putAll(series.tags());
            Exported expected = new Exported(
                    series.metric().prometheusName(), series.metric().type().name(), labels);
            String tags = series.tags().entrySet().stream()
                    .map(e -> ", " + e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining());
            String plugin = "kafka.connect<type=plugins, connector=my-sink, task=3" + tags + "><>";
            String jmx =
                    "trainset<type=" + series.metric().scope().jmxType() + ", connector=my-sink, task=3" + tags + "><>";
            assertThat(export(rules, plugin, series.metric().metricName()))
                    .as(plugin)
                    .contains(expected);
            assertThat(export(rules, jmx, series.metric().metricName())).as(jmx).contains(expected);
        }
    }

    @Test
    void theRulesExportNothingButTrainsetsMetrics() throws IOException {
        List<Rule> rules = rules();
        assertThat(export(
                        rules,
                        "kafka.connect<type=plugins, connector=my-sink, task=3, converter=key><>",
                        "records-read-total"))
                .isEmpty();
        assertThat(export(rules, "kafka.connect<type=plugins, connector=other-sink, task=0><>", "my-own-gauge"))
                .isEmpty();
        Set<String> listed = new TreeSet<>();
        for (Rule rule : rules) {
            Matcher names = Pattern.compile("\\(((?:[a-z0-9]+-)+[a-z0-9]+(?:\\|[a-z0-9-]+)*)\\)")
                    .matcher(rule.pattern().pattern());
            while (names.find()) {
                listed.addAll(List.of(names.group(1).split("\\|")));
            }
        }
        assertThat(listed)
                .isSubsetOf(
                        Arrays.stream(Metric.values()).map(Metric::metricName).toList());
    }

    @Test
    void theDashboardNamesOnlyCatalogMetricsAndShowsEveryOneWithAnAlert() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> referenced = new TreeSet<>();
        for (JsonNode target : dashboard.findValues("expr")) {
            Matcher names = PROMETHEUS_NAME.matcher(target.asText());
            while (names.find()) {
                referenced.add(names.group());
            }
        }
        referenced.add(PROMETHEUS_NAME
                .matcher(dashboard.at("/templating/list/1/definition").asText())
                .results()
                .findFirst()
                .orElseThrow()
                .group());
        List<String> catalog =
                Arrays.stream(Metric.values()).map(Metric::prometheusName).toList();
        assertThat(referenced).isSubsetOf(catalog);
        assertThat(referenced)
                .containsAll(Arrays.stream(Metric.values())
                        .filter(Metric::alertable)
                        .map(Metric::prometheusName)
                        .toList());
        assertThat(dashboard.get("panels"))
                .allSatisfy(panel -> assertThat(panel.get("title").asText()).isNotBlank());
    }

    private static List<Series> everySeries() {
        RecordingSink sink = new RecordingSink();
        TaskMetrics metrics = new TaskMetrics(TestClock.atMillis(0), sink);
        metrics.openUnit(7);
        return sink.registered().stream().flatMap(set -> set.series().stream()).toList();
    }

    private static Optional<Exported> export(List<Rule> rules, String bean, String attribute) {
        String input = bean + attribute;
        for (Rule rule : rules) {
            Matcher matcher = rule.pattern().matcher(input);
            if (matcher.matches()) {
                Map<String, String> labels = new LinkedHashMap<>();
                rule.labels().forEach((key, value) -> labels.put(substitute(matcher, key), substitute(matcher, value)));
                return Optional.of(
                        new Exported(substitute(matcher, rule.name()).replace('-', '_'), rule.type(), labels));
            }
        }
        return Optional.empty();
    }

    private static String substitute(Matcher matcher, String template) {
        StringBuilder out = new StringBuilder();
        matcher.reset();
        matcher.matches();
        matcher.appendReplacement(out, template);
        return out.toString();
    }

    private static List<Rule> rules() throws IOException {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        assertThat(config.get("includeObjectNames"))
                .extracting(JsonNode::asText)
                .containsExactly("kafka.connect:type=plugins,*", "trainset:*");
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : config.get("rules")) {
            Map<String, String> labels = new LinkedHashMap<>();
            rule.get("labels")
                    .fields()
                    .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            rules.add(new Rule(
                    Pattern.compile("^.*(?:" + rule.get("pattern").asText() + ").*$"),
                    rule.get("name").asText(),
                    rule.get("type").asText(),
                    labels));
        }
        return rules;
    }
}
