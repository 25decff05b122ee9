package io.trainset.connect.dataset;

import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data file a {@link DatasetWriter} is writing: its keys, schema and writer and, when the dataset card
 * is kept, its rows' card stats. Written and finished on the
 * writer's thread; {@link #upload} may run on another once the file is finished.
 */
final class OpenFile implements OpenFileBudget.Slot {

    private static final Logger LOG = LoggerFactory.getLogger(OpenFile.class);

    final String slot;
    final String key;
    final String stagedKey;
    final FileSchema schema;
    final FileWriter writer;
    final long openedAtMs;
    final CardStats stats = new CardStats();
    private final boolean counted;
    private final String location;
    private final Runnable finishEarly;

    /**
     * @param counted     whether rows are counted for the dataset card
     * @param location    the store's location, for messages
     * @param finishEarly what the open-file budget calls to finish this file early
     */
    OpenFile(
            String slot,
            String key,
            String stagedKey,
            FileSchema schema,
            FileWriter writer,
            long openedAtMs,
            boolean counted,
            String location,
            Runnable finishEarly) {
        this.slot = slot;
        this.key = key;
        this.stagedKey = stagedKey;
        this.schema = schema;
        this.writer = writer;
        this.openedAtMs = openedAtMs;
        this.counted = counted;
        this.location = location;
        this.finishEarly = finishEarly;
    }

    void write(Row row, String split, Features extras) {
        try {
            writer.write(row, extras);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a row to " + key + ": " + e.getMessage(), e);
        }
        if (counted) {
            stats.addRow(row, split);
        }
    }

    /** The file as its unit's commit names it. */
    StagedFile staged() {
        return new StagedFile(key, stagedKey, writer.rowCount());
    }

    /** Writes the footer; the file's upload is {@link #upload}. */
    void finish() {
        try {
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot finish " + stagedKey + " for " + location + ": " + e.getMessage()
                            + ". Its rows are not committed and will be written again after a restart.",
                    e);
        }
    }

    /** Uploads the finished file to its staged key: where {@link FileUploads} runs it. */
    void upload() {
        try {
            writer.upload();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot upload " + stagedKey + " to " + location + ": " + e.getMessage()
                            + ". Its rows are not committed and will be written again after a restart.",
                    e);
        }
        LOG.debug("Uploaded {} with {} rows", stagedKey, writer.rowCount());
    }

    @Override
    public void finishEarly() {
        LOG.debug("Finishing {} early: the task's open-file budget is exceeded", key);
        finishEarly.run();
    }
}
