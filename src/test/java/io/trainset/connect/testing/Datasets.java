package io.trainset.connect.testing;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.card.CardContext;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.SplitSpec;
import io.trainset.connect.storage.ObjectStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Dataset shapes (and dataset cards) tests share. */
public final class Datasets {

    /** The only split of {@link #labelOnly()}: every row is in it. */
    public static final String ALL = "train";

    private Datasets() {}

    /** A dataset card over {@code store} with the default shape, version 1.2.3, no group field, no class names. */
    public static DatasetCard defaultCard(ObjectStore store, Clock clock) {
        return card(store, DatasetShape.defaults(), clock);
    }

    /** A dataset card over {@code store} of a dataset of {@code shape}, version 1.2.3, no group field, no class names. */
    public static DatasetCard card(ObjectStore store, DatasetShape shape, Clock clock) {
        return new DatasetCard(
                store,
                cardContext(store.location(), shape.layout(), shape.splitSpec(), Optional.empty(), false),
                clock);
    }

    /** The card context of a test dataset at {@code location}: version 1.2.3, digest sha256:abc, no group field. */
    public static CardContext cardContext(
            String location,
            LayoutSpec layout,
            SplitSpec splits,
            Optional<List<String>> classNames,
            boolean earlyLabels) {
        return new CardContext(
                "1.2.3", "sha256:abc", location, layout, splits, Optional.empty(), classNames, earlyLabels);
    }

    /** One split holding every row, and {@code label=} as the only path level: files are {@code label=<l>/train-…}. */
    public static DatasetShape labelOnly() {
        return shape(
                new SplitSpec(List.of(new SplitSpec.Ratio(ALL, 1.0)), "", Optional.empty()),
                new LayoutSpec(List.of(PathLevel.LABEL), ZoneOffset.UTC, false),
                Optional.empty());
    }

    /** A shape with the default labelling horizon ({@link DatasetShape#DEFAULT_LABEL_WINDOW}), no early labels. */
    public static DatasetShape shape(SplitSpec splitSpec, LayoutSpec layout, Optional<List<String>> classNames) {
        return new DatasetShape(splitSpec, layout, classNames, DatasetShape.DEFAULT_LABEL_WINDOW, false);
    }
}
