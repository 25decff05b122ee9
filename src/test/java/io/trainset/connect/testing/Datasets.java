package io.trainset.connect.testing;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.LayoutSpec;
import io.trainset.connect.dataset.PathLevel;
import io.trainset.connect.dataset.SplitSpec;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Dataset shapes tests share. */
public final class Datasets {

    /** The only split of {@link #labelOnly()}: every row is in it. */
    public static final String ALL = "train";

    private Datasets() {}

    /** One split holding every row, and {@code label=} as the only path level: files are {@code label=<l>/train-…}. */
    public static DatasetShape labelOnly() {
        return new DatasetShape(new SplitSpec(List.of(new SplitSpec.Ratio(ALL, 1.0)), "", Optional.empty()),
                new LayoutSpec(List.of(PathLevel.LABEL), ZoneOffset.UTC, false), Optional.empty());
    }
}
