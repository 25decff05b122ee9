package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.card.CardSeed;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.ConnectorProps;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset written with label directories (the default before the label became a file column) keeps its layout
 * across an upgrade: a task configured with other path levels refuses to start, naming the key and the fix.
 */
class DatasetLayoutUpgradeTest {

    private static final long T0 = 1_793_700_000_000L;

    @TempDir
    Path root;

    /** Writes one committed file with {@code split=…/label=…/} directories and its dataset card, as 288f928 did. */
    private void writeLabelDirectoryDataset(LocalObjectStore store) {
        TestClock clock = TestClock.atMillis(T0);
        DatasetShape defaults = DatasetShape.defaults();
        DatasetShape shape =
                Datasets.shape(defaults.splitSpec(), LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL), Optional.empty());
        DatasetWriters writers = DatasetWriters.in(store)
                .shape(shape)
                .flushSize(1)
                .clock(clock)
                .card(Datasets.card(store, shape, clock))
                .build();
        DatasetWriter writer = writers.writer(0, "tok");
        writer.write(new Row(
                "ISSUE-1",
                Features.EMPTY,
                "billing",
                T0,
                T0 + 1,
                JoinStatus.JOINED,
                1,
                List.of(new SourcePosition("issues", 0, 0))));
        writers.commit(writer, 0);
    }

    private DatasetWiring wiring(LocalObjectStore store, String... keysAndValues) {
        TrainsetSinkConfig config = new TrainsetSinkConfig(ConnectorProps.of(keysAndValues));
        return new DatasetWiring(config, store, TestClock.atMillis(T0), CardSeed.read(store));
    }

    @Test
    void theNewDefaultLayoutRefusesADatasetWithLabelDirectoriesNamingTheKeyAndTheFix() throws IOException {
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            writeLabelDirectoryDataset(store);

            assertThatThrownBy(() -> wiring(store, "output.url", root.toUri().toString()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The dataset at " + store.location() + " was written with path levels split,label "
                            + "(its card _trainset/dataset.json records layout.path_levels [split, label]), but "
                            + "layout.partitions gives split (the default since the label became a string column in "
                            + "the files). Writing on would mix two layouts that no reader reads as one dataset. Set "
                            + "layout.partitions=split,label to keep appending to this dataset, or write the new "
                            + "layout to a new output.url.");
        }
    }

    @Test
    void theFormerLayoutSetExplicitlyKeepsWritingTheDataset() throws IOException {
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            writeLabelDirectoryDataset(store);

            DatasetWiring wiring =
                    wiring(store, "output.url", root.toUri().toString(), "layout.partitions", "split,label");

            assertThat(wiring.labelPathBound().maxLevelBytes()).isPositive();
        }
    }

    @Test
    void aNewDatasetTakesTheDefaultLayout() throws IOException {
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            DatasetWiring wiring = wiring(store, "output.url", root.toUri().toString());

            assertThat(wiring.labelPathBound().maxLevelBytes()).isZero();
        }
    }
}
