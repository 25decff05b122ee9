package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.SourcePosition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often the outcomes of a join settled each event: in {@link JoinOutcome.Matched} rows, and in any
 * other outcome (timed out, orphaned, late, ...). The join's properties are statements about these counts.
 */
record Settlements(Map<SourcePosition, Integer> matched, Map<SourcePosition, Integer> others) {

    static Settlements of(List<JoinOutcome> outcomes) {
        Map<SourcePosition, Integer> matched = new HashMap<>();
        Map<SourcePosition, Integer> others = new HashMap<>();
        for (JoinOutcome outcome : outcomes) {
            Map<SourcePosition, Integer> counts = outcome instanceof JoinOutcome.Matched ? matched : others;
            outcome.events().forEach(e -> counts.merge(e.source(), 1, Integer::sum));
        }
        return new Settlements(matched, others);
    }

    /** In how many Matched rows {@code event} is. */
    int matched(Event event) {
        return matched.getOrDefault(event.source(), 0);
    }

    /** In how many other outcomes {@code event} is. */
    int others(Event event) {
        return others.getOrDefault(event.source(), 0);
    }
}
