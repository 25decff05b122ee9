package io.trainset.connect.testing;

import io.trainset.connect.model.LabelPathBound;
import io.trainset.connect.model.Side;
import io.trainset.connect.record.DistinctLabels;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FeatureOptions;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.LabelRules;
import io.trainset.connect.record.ResolutionExtractor;
import io.trainset.connect.record.ValueReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Extractors built with the constructors production uses (as {@code Wiring} and {@code DatasetWiring} do),
 * with what a test leaves out at its default: converter values, labels as they come, no bounds.
 */
public final class Extractors {

    private Extractors() {}

    /** The features of {@code includes} (empty: every top-level field) but {@code excludes}, default options. */
    public static FeatureExtractor features(List<FieldPath> includes, List<String> excludes) {
        return new FeatureExtractor(includes, excludes, FeatureOptions.defaults());
    }

    /** Labels after {@code labels}, with the extra resolved columns of {@code columns}; no bounds. */
    public static ResolutionExtractor resolutions(LabelRules labels, Optional<FeatureExtractor> columns) {
        return new ResolutionExtractor(labels, columns, DistinctLabels.unbounded(), LabelPathBound.none());
    }

    /** Labels used as they come, no extra columns. */
    public static ResolutionExtractor plainResolutions() {
        return resolutions(LabelRules.none(), Optional.empty());
    }

    /** Events of values as the converter gives them, labels as they come, no bound on times ahead. */
    public static EventExtractor events(
            Map<String, Side> sideByTopic,
            EventSettings events,
            LongSupplier clock,
            Optional<FieldPath> submittedKeyField,
            Optional<FieldPath> resolvedKeyField,
            FieldPath labelField,
            FeatureExtractor features) {
        return events(
                sideByTopic,
                events,
                clock,
                submittedKeyField,
                resolvedKeyField,
                labelField,
                features,
                plainResolutions());
    }

    /** Events of values as the converter gives them, resolved as {@code resolutions} says, no bound on times ahead. */
    public static EventExtractor events(
            Map<String, Side> sideByTopic,
            EventSettings events,
            LongSupplier clock,
            Optional<FieldPath> submittedKeyField,
            Optional<FieldPath> resolvedKeyField,
            FieldPath labelField,
            FeatureExtractor features,
            ResolutionExtractor resolutions) {
        return events(
                sideByTopic,
                events,
                clock,
                submittedKeyField,
                resolvedKeyField,
                labelField,
                features,
                resolutions,
                ValueReader.converted());
    }

    /** Events of values read by {@code values}, no bound on times ahead. */
    public static EventExtractor events(
            Map<String, Side> sideByTopic,
            EventSettings events,
            LongSupplier clock,
            Optional<FieldPath> submittedKeyField,
            Optional<FieldPath> resolvedKeyField,
            FieldPath labelField,
            FeatureExtractor features,
            ResolutionExtractor resolutions,
            ValueReader values) {
        return new EventExtractor(
                sideByTopic,
                events,
                clock,
                submittedKeyField,
                resolvedKeyField,
                labelField,
                features,
                resolutions,
                values,
                Optional.empty());
    }
}
