package io.trainset.connect.config;

import static io.trainset.connect.config.InputConfig.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules across the Input group's topic keys ({@link InputConfig}): each side's topics named and subscribed, no
 * topic on both sides, or single-topic mode's rules; each violation reported on every key involved.
 */
final class InputTopicRules {

    private InputTopicRules() {}

    /** Each side's topics are named and subscribed, no topic is on both sides; or single-topic mode's rules. */
    static void validate(Violations violations) {
        String regex = violations.raw("topics.regex", "");
        if (!regex.isBlank()) {
            violations.report(
                    "'topics.regex' is not supported: the join needs to know which topic is which side. "
                            + "List the topics in 'topics' and in 'submitted.topics'/'resolved.topics'.",
                    "topics.regex");
        }
        Set<String> submitted = topics(violations.raw(SUBMITTED_TOPICS, null));
        Set<String> resolved = topics(violations.raw(RESOLVED_TOPICS, null));
        Set<String> subscribed = topics(violations.raw(TOPICS, null));
        if (!violations.raw(EVENT_TYPE_FIELD, "").isBlank()) {
            validateSingleTopicMode(submitted, resolved, subscribed, violations);
        } else if (submitted.isEmpty() || resolved.isEmpty()) {
            violations.report(
                    "Name the topics of each side: 'submitted.topics' (e.g. support-issues) and "
                            + "'resolved.topics' (e.g. support-resolutions), or set 'event.type.field' when both kinds "
                            + "share one topic.",
                    keysOf(submitted.isEmpty(), resolved.isEmpty()));
        } else {
            validateSides(submitted, resolved, subscribed, regex, violations);
        }
    }

    private static void validateSides(
            Set<String> submitted, Set<String> resolved, Set<String> subscribed, String regex, Violations violations) {
        Set<String> both =
                submitted.stream().filter(resolved::contains).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!both.isEmpty()) {
            violations.report(
                    "Topic(s) " + both + " are listed as both submitted and resolved; each topic holds "
                            + "one side. Remove them from one of the lists.",
                    SUBMITTED_TOPICS,
                    RESOLVED_TOPICS);
        }
        Set<String> roles = Stream.concat(submitted.stream(), resolved.stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> unsubscribed = difference(roles, subscribed);
        if (!unsubscribed.isEmpty() && regex.isBlank()) {
            violations.report(
                    "Topic(s) " + unsubscribed + " are in 'submitted.topics'/'resolved.topics' but not in "
                            + "'topics', so the worker would never deliver them. Set 'topics' to "
                            + String.join(",", roles)
                            + ".",
                    TOPICS,
                    SUBMITTED_TOPICS,
                    RESOLVED_TOPICS);
        }
        Set<String> roleless = difference(subscribed, roles);
        if (!roleless.isEmpty()) {
            violations.report(
                    "Topic(s) " + roleless + " are in 'topics' but in neither 'submitted.topics' nor "
                            + "'resolved.topics'. Add each to the list of its side, or remove it from 'topics'.",
                    TOPICS,
                    SUBMITTED_TOPICS,
                    RESOLVED_TOPICS);
        }
    }

    private static void validateSingleTopicMode(
            Set<String> submitted, Set<String> resolved, Set<String> subscribed, Violations violations) {
        if (!submitted.isEmpty() || !resolved.isEmpty()) {
            violations.report(
                    "With 'event.type.field' set, every topic in 'topics' holds both kinds of events, "
                            + "told apart by that field: leave 'submitted.topics' and 'resolved.topics' empty.",
                    keysOf(!submitted.isEmpty(), !resolved.isEmpty()));
        }
        if (subscribed.isEmpty()) {
            violations.report("Single-topic mode reads the topics in 'topics': name at least one.", TOPICS);
        }
    }

    /** event.type.field plus each side list the condition holds for: the keys a user may change. */
    private static String[] keysOf(boolean submitted, boolean resolved) {
        List<String> keys = new ArrayList<>();
        keys.add(EVENT_TYPE_FIELD);
        if (submitted) {
            keys.add(SUBMITTED_TOPICS);
        }
        if (resolved) {
            keys.add(RESOLVED_TOPICS);
        }
        return keys.toArray(String[]::new);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(t -> !b.contains(t)).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
