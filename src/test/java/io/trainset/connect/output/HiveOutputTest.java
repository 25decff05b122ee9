package io.trainset.connect.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.StagedFiles;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.testing.CheckpointStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output seam's steps as today's Hive-layout output takes them: stage, publish, recover. */
class HiveOutputTest {

    private static final int UNIT = 3;
    private static final String BILLING = "label=billing/train-0003-00000001-0.parquet";
    private static final String TECHNICAL = "label=technical/train-0003-00000001-1.parquet";

    @TempDir
    Path root;

    private LocalObjectStore store;
    private HiveOutput output;

    @BeforeEach
    void open() throws IOException {
        store = new LocalObjectStore(root);
        output = new HiveOutput(new StagedFiles(store, CheckpointStores.noRetry(store)));
    }

    /** Uploads {@code key} of commit {@code sequence} by writer instance {@code token} to its staged key. */
    private String stage(long sequence, String token, String key) throws IOException {
        String staged = output.staging(UNIT, token).stagedKey(key, sequence);
        try (ObjectOutput out = store.create(staged)) {
            out.write((token + ":" + key).getBytes(UTF_8));
            out.commit();
        }
        return staged;
    }

    private static Checkpoint checkpoint(long sequence, Map<String, String> stagedByKey) {
        return new Checkpoint(
                UNIT,
                sequence,
                sequence,
                Map.of(),
                new JoinSnapshot(Long.MIN_VALUE, Map.of(), List.of()),
                stagedByKey.entrySet().stream()
                        .map(e -> new Checkpoint.File(e.getKey(), e.getValue(), 1))
                        .toList());
    }

    private boolean visible(String key) {
        try {
            return store.read(key).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String content(String key) throws IOException {
        return new String(store.read(key).orElseThrow(), UTF_8);
    }

    @Test
    void aUnitInstancesFilesAreStagedUnderItsPendingDirectoryWhereNoReaderLooks() {
        assertThat(output.staging(UNIT, "tok").stagedKey(BILLING, 1))
                .isEqualTo("_trainset/pending/unit-0003/000000000001-tok/" + BILLING + ".pending")
                .isEqualTo(DatasetKeys.stagedKey(UNIT, 1, "tok", BILLING))
                .doesNotEndWith(DatasetKeys.DATA_FILE_SUFFIX);
    }

    @Test
    void publishMakesTheCheckpointsFilesVisibleThenCountsThemThenRemovesTheStagedFilesUpToItsSequence()
            throws IOException {
        Checkpoint first =
                checkpoint(1, Map.of(BILLING, stage(1, "aaaa", BILLING), TECHNICAL, stage(1, "aaaa", TECHNICAL)));
        String fenced = stage(1, "bbbb", BILLING);
        String later = stage(2, "aaaa", "label=billing/train-0003-00000002-0.parquet");
        List<String> visibleWhenCounted = new ArrayList<>();

        output.publish(
                first,
                () -> visibleWhenCounted.addAll(List.of(BILLING, TECHNICAL).stream()
                        .filter(this::visible)
                        .toList()));

        assertThat(visibleWhenCounted).containsExactly(BILLING, TECHNICAL);
        assertThat(content(BILLING)).isEqualTo("aaaa:" + BILLING);
        assertThat(content(TECHNICAL)).isEqualTo("aaaa:" + TECHNICAL);
        assertThat(store.list(DatasetKeys.PENDING))
                .as("a later commit's may be a live zombie's")
                .containsExactly(later)
                .doesNotContain(fenced);
    }

    @Test
    void publishingACommitAgainChangesNothing() throws IOException {
        Checkpoint first = checkpoint(1, Map.of(BILLING, stage(1, "aaaa", BILLING)));
        output.publish(first, () -> {});
        int[] counted = {0};

        output.publish(first, () -> counted[0]++);

        assertThat(store.list("")).containsExactly(BILLING);
        assertThat(content(BILLING)).isEqualTo("aaaa:" + BILLING);
        assertThat(counted[0]).isEqualTo(1);
    }

    @Test
    void recoverFinishesPublishingTheNewestCheckpointAndRemovesWhatCanNeverBePublished() throws IOException {
        Checkpoint newest = checkpoint(1, Map.of(BILLING, stage(1, "aaaa", BILLING)));
        stage(1, "bbbb", TECHNICAL);
        String later = stage(2, "cccc", TECHNICAL);

        output.recover(UNIT, Optional.of(newest));

        assertThat(content(BILLING)).isEqualTo("aaaa:" + BILLING);
        assertThat(store.list(DatasetKeys.PENDING)).containsExactly(later);
        assertThat(store.read(TECHNICAL)).isEmpty();
    }

    @Test
    void aUnitWithoutACheckpointHasNothingToRecover() throws IOException {
        String staged = stage(1, "aaaa", BILLING);

        output.recover(UNIT, Optional.empty());

        assertThat(store.list("")).containsExactly(staged);
    }
}
