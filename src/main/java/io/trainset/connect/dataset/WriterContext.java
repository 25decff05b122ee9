package io.trainset.connect.dataset;

import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What every {@link DatasetWriter} of a task shares: the store, the file encoding and rotation
 * rules, the dataset's shape, the open-file budget, the dataset card and the columns written without a
 * dictionary.
 *
 * @param store          where files go
 * @param format         how files are encoded
 * @param shape          splits, path levels and extra columns
 * @param flushSize      rows after which a file is finished
 * @param rotateInterval wall-clock time after which an open file is finished
 * @param clock          the wall clock
 * @param budget         the task's bound on open files and buffered bytes
 * @param card           the dataset card, if kept
 * @param metrics        where uploads are counted (files, bytes, failures)
 * @param dictionaries   the columns the task's next files write without a dictionary, learnt from any unit's files
 */
public record WriterContext(
        ObjectStore store,
        FileFormat format,
        DatasetShape shape,
        int flushSize,
        Duration rotateInterval,
        Clock clock,
        OpenFileBudget budget,
        Optional<DatasetCard> card,
        TaskMetrics metrics,
        DictionaryChoices dictionaries) {

    /**
     * A context whose uploads are counted in metrics published nowhere and whose dictionary choices start afresh
     * (tests, tools).
     */
    public WriterContext(
            ObjectStore store,
            FileFormat format,
            DatasetShape shape,
            int flushSize,
            Duration rotateInterval,
            Clock clock,
            OpenFileBudget budget,
            Optional<DatasetCard> card) {
        this(
                store,
                format,
                shape,
                flushSize,
                rotateInterval,
                clock,
                budget,
                card,
                TaskMetrics.unpublished(clock),
                new DictionaryChoices());
    }
}
