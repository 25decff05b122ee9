package io.trainset.connect.record;

import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.BadRecordException.Kind;

/**
 * The bad-record reports of rejections by a bound or the type guard: each with a fixed reason that names
 * its setting (so a log line without the record's content says which bound was hit, and each kind is
 * throttled on its own), the columns or label only in the detail.
 */
final class Rejections {

    private Rejections() {}

    /** The report of {@code e}; for another exception, one of {@code kind} with {@code reason}, its message as the detail, and {@code fix}. */
    static BadRecordException of(Kind kind, SourcePosition source, RuntimeException e, String reason, String fix) {
        if (e instanceof ColumnRejection.TooManyColumns columns) {
            return new BadRecordException(
                    Kind.COLUMNS,
                    source,
                    "it would add columns past dataset.max.columns",
                    columns.detail(),
                    "exclude the field that brings them (features.exclude; a nested object whose keys vary per record "
                            + "adds a column per key), list the fields to keep (features.include), or raise "
                            + "dataset.max.columns",
                    e);
        }
        if (e instanceof ColumnRejection.TypeChange change) {
            return new BadRecordException(
                    Kind.COLUMNS,
                    source,
                    "a value's type differs from its column's type in the dataset " + "(schema.type.change.policy=dlq)",
                    change.detail(),
                    "fix the producer"
                            + (change.groups()
                                    ? " (a group keeps the children it was first written with), set features.nested=flatten so "
                                            + "that new nested fields become new columns"
                                    : "")
                            + ", or set "
                            + "schema.type.change.policy=new_column to write such values to a column <name>__<type>",
                    e);
        }
        if (e instanceof DistinctLabels.TooManyLabels labels) {
            return new BadRecordException(
                    Kind.LABEL,
                    source,
                    "its label would be a new label past label.max.distinct",
                    labels.detail(),
                    "set label.allowed with label.unknown.policy=other, map labels with "
                            + "label.mapping, point label.field at the label (is it pointed at free text?), or raise "
                            + "label.max.distinct",
                    e);
        }
        return new BadRecordException(kind, source, reason, String.valueOf(e.getMessage()), fix, e);
    }
}
