package io.trainset.connect;

import static io.trainset.connect.TrainsetSinkConfig.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Rules that involve several keys. Each broken rule is reported on every key it involves, so the
 * REST validate call and the UI point at all the places a user may fix.
 */
final class ConfigRules {

    private ConfigRules() {}

    /** Errors by key for the given raw (string) connector properties; empty when all rules hold. */
    static Map<String, List<String>> check(Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        checkTopics(props, errors);
        checkCredentials(props, errors);
        S3SecurityConfig.check(props, errors);
        checkParquetSizes(props, errors);
        checkDataset(props, errors);
        return errors;
    }

    private static void checkDataset(Map<String, String> props, Map<String, List<String>> errors) {
        Object ratios = parsedOrDefault(props, SPLIT_RATIOS);
        Object holdout = parsedOrDefault(props, SPLIT_HOLDOUT_AFTER);
        if (ratios instanceof List<?> list && holdout instanceof String h && !h.isBlank()
                && list.stream().noneMatch(r -> r.toString().trim().startsWith("test="))) {
            report(errors, "A time holdout (split.holdout.after) sends later rows to the split 'test', which "
                    + "split.ratios does not name. Add it, e.g. 'train=0.8,validation=0.1,test=0.1', or clear "
                    + "split.holdout.after.", SPLIT_RATIOS, SPLIT_HOLDOUT_AFTER);
        }
        Object allowed = parsedOrDefault(props, LABEL_ALLOWED);
        Object policy = parsedOrDefault(props, LABEL_UNKNOWN_POLICY);
        if (allowed instanceof List<?> list && list.isEmpty() && policy instanceof String p
                && !p.trim().equalsIgnoreCase("keep")) {
            report(errors, "label.unknown.policy=" + p.trim() + " needs the known labels: set label.allowed (e.g. "
                    + "'billing,technical'), or set label.unknown.policy=keep.", LABEL_ALLOWED, LABEL_UNKNOWN_POLICY);
        }
    }

    private static void checkParquetSizes(Map<String, String> props, Map<String, List<String>> errors) {
        Object rowGroup = parsedOrDefault(props, PARQUET_ROW_GROUP_BYTES);
        Object page = parsedOrDefault(props, PARQUET_PAGE_BYTES);
        if (rowGroup instanceof Number r && page instanceof Number p && p.longValue() > r.longValue()) {
            report(errors, "A Parquet page (" + p + " bytes) cannot be larger than a row group (" + r
                    + " bytes). Lower 'parquet.page.bytes' or raise 'parquet.row.group.bytes', e.g. 1048576 and "
                    + "67108864.", PARQUET_PAGE_BYTES, PARQUET_ROW_GROUP_BYTES);
        }
    }

    /** The typed value of a key, its default when unset, or null when it does not parse (reported per key). */
    private static Object parsedOrDefault(Map<String, String> props, String key) {
        ConfigDef.ConfigKey definition = CONFIG_DEF.configKeys().get(key);
        String raw = props.get(key);
        try {
            return raw == null ? definition.defaultValue : ConfigDef.parseType(key, raw, definition.type);
        } catch (ConfigException e) {
            return null;
        }
    }

    private static void checkTopics(Map<String, String> props, Map<String, List<String>> errors) {
        String regex = props.getOrDefault("topics.regex", "");
        if (!regex.isBlank()) {
            report(errors, "'topics.regex' is not supported: the join needs to know which topic is which side. "
                    + "List the topics in 'topics' and in 'submitted.topics'/'resolved.topics'.", "topics.regex");
        }
        Set<String> submitted = topics(props.get(SUBMITTED_TOPICS));
        Set<String> resolved = topics(props.get(RESOLVED_TOPICS));
        Set<String> subscribed = topics(props.get(TOPICS));
        if (!props.getOrDefault(EVENT_TYPE_FIELD, "").isBlank()) {
            checkSingleTopicMode(submitted, resolved, subscribed, errors);
            return;
        }
        if (submitted.isEmpty() || resolved.isEmpty()) {
            report(errors, "Name the topics of each side: 'submitted.topics' (e.g. support-issues) and "
                    + "'resolved.topics' (e.g. support-resolutions), or set 'event.type.field' when both kinds "
                    + "share one topic.", keysOf(submitted.isEmpty(), SUBMITTED_TOPICS, resolved.isEmpty(),
                    RESOLVED_TOPICS));
            return;
        }
        Set<String> both = intersection(submitted, resolved);
        if (!both.isEmpty()) {
            report(errors, "Topic(s) " + both + " are listed as both submitted and resolved; each topic holds "
                    + "one side. Remove them from one of the lists.", SUBMITTED_TOPICS, RESOLVED_TOPICS);
        }
        Set<String> roles = Stream.concat(submitted.stream(), resolved.stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> unsubscribed = difference(roles, subscribed);
        if (!unsubscribed.isEmpty() && regex.isBlank()) {
            report(errors, "Topic(s) " + unsubscribed + " are in 'submitted.topics'/'resolved.topics' but not in "
                    + "'topics', so the worker would never deliver them. Set 'topics' to " + String.join(",", roles)
                    + ".", TOPICS, SUBMITTED_TOPICS, RESOLVED_TOPICS);
        }
        Set<String> roleless = difference(subscribed, roles);
        if (!roleless.isEmpty()) {
            report(errors, "Topic(s) " + roleless + " are in 'topics' but in neither 'submitted.topics' nor "
                    + "'resolved.topics'. Add each to the list of its side, or remove it from 'topics'.",
                    TOPICS, SUBMITTED_TOPICS, RESOLVED_TOPICS);
        }
    }

    private static void checkSingleTopicMode(Set<String> submitted, Set<String> resolved, Set<String> subscribed,
                                             Map<String, List<String>> errors) {
        if (!submitted.isEmpty() || !resolved.isEmpty()) {
            report(errors, "With 'event.type.field' set, every topic in 'topics' holds both kinds of events, told "
                    + "apart by that field: leave 'submitted.topics' and 'resolved.topics' empty.",
                    keysOf(!submitted.isEmpty(), SUBMITTED_TOPICS, !resolved.isEmpty(), RESOLVED_TOPICS));
        }
        if (subscribed.isEmpty()) {
            report(errors, "Single-topic mode reads the topics in 'topics': name at least one.", TOPICS);
        }
    }

    private static void checkCredentials(Map<String, String> props, Map<String, List<String>> errors) {
        boolean id = !props.getOrDefault(S3_ACCESS_KEY_ID, "").isBlank();
        boolean secret = !props.getOrDefault(S3_SECRET_ACCESS_KEY, "").isBlank();
        if (id != secret) {
            report(errors, "Set both 's3.access.key.id' and 's3.secret.access.key' for static credentials, or "
                    + "neither to use the default AWS credential chain.", S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY);
        }
    }

    /** event.type.field plus each side list the condition holds for: the keys a user may change. */
    private static String[] keysOf(boolean submitted, String submittedKey, boolean resolved, String resolvedKey) {
        List<String> keys = new ArrayList<>();
        keys.add(EVENT_TYPE_FIELD);
        if (submitted) {
            keys.add(submittedKey);
        }
        if (resolved) {
            keys.add(resolvedKey);
        }
        return keys.toArray(String[]::new);
    }

    private static void report(Map<String, List<String>> errors, String message, String... keys) {
        for (String key : keys) {
            errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        }
    }

    static Set<String> topics(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Stream.of(list.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        return a.stream().filter(b::contains).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(t -> !b.contains(t)).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
