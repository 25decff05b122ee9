package io.trainset.connect.record;

import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.BadRecordException.Kind;
import java.util.Optional;

/**
 * Where each side's join key is (the record key, or a field of the value) and its text
 * ({@link JoinKeys}). A key that is missing, of a type that has no text, or empty (its text is "":
 * an empty string, empty bytes) is a bad record: an empty key names no issue, and every such record
 * would meet every other in one key. A key of only whitespace is a key like any other: keys are
 * compared by their bytes, and whitespace bytes are real keys too (an {@code IntegerSerializer} key
 * 538976288 is the bytes of four spaces).
 */
final class EventKeys {

    private final Optional<FieldPath> submittedField;
    private final Optional<FieldPath> resolvedField;

    EventKeys(Optional<FieldPath> submittedField, Optional<FieldPath> resolvedField) {
        this.submittedField = submittedField;
        this.resolvedField = resolvedField;
    }

    /** The field that holds a side's key, or empty: the record key. */
    Optional<FieldPath> field(Side side) {
        return side == Side.SUBMITTED ? submittedField : resolvedField;
    }

    /** The key text of {@code raw}, the record key or the key field's value; throws {@link BadRecordException}. */
    String keyOf(Object raw, Side side, SourcePosition source) {
        Optional<FieldPath> field = field(side);
        String keyConfig = side == Side.SUBMITTED ? "submitted.key.field" : "resolved.key.field";
        String key = ColumnValues.asText(raw);
        String where =
                field.map(path -> "the field '" + path + "' of its value").orElse("its record key");
        if (key == null) {
            String problem = raw == null
                    ? where + " is missing or null"
                    : where + " is a " + raw.getClass().getSimpleName() + ", not a string, bytes or number";
            throw new BadRecordException(
                    Kind.KEY,
                    source,
                    "it has no join key: " + problem,
                    "",
                    field.isPresent()
                            ? "fix the producer or point " + keyConfig + " at the key field"
                            : "produce the records with a key, or set " + keyConfig + " to the field that holds it");
        }
        if (key.isEmpty()) {
            throw new BadRecordException(
                    Kind.KEY,
                    source,
                    "its join key is empty: " + where + " is "
                            + (raw instanceof String ? "the empty string" : "empty bytes")
                            + ", which names no issue (every record with an empty "
                            + "key would join every other)",
                    "",
                    field.isPresent()
                            ? "fix the producer so that every record carries its issue's key, or point " + keyConfig
                                    + " at the field that holds it"
                            : "fix the producer so that every record carries its issue's key, or set " + keyConfig
                                    + " to the field that holds it");
        }
        return key;
    }
}
