package io.trainset.connect.dataset.card;

import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.SplitSpec;
import java.util.List;
import java.util.Optional;

/**
 * What the dataset card says about how the dataset is made, besides its counts.
 *
 * @param connectorVersion the connector's version
 * @param configDigest     SHA-256 of the keys that decide what the dataset holds, so a reader sees when they changed
 * @param location         where the dataset lies, e.g. {@code s3://bucket/prefix}
 * @param layout           the path levels
 * @param splits           the split ratios, seed and holdout
 * @param groupField       the split group field, empty when splitting by the join key
 * @param classNames       the known label names, when configured
 * @param earlyLabels      whether the early-label mode is on (provisional and final rows are counted apart)
 */
public record CardContext(
        String connectorVersion,
        String configDigest,
        String location,
        LayoutSpec layout,
        SplitSpec splits,
        Optional<String> groupField,
        Optional<List<String>> classNames,
        boolean earlyLabels) {}
