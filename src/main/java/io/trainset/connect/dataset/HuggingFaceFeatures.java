package io.trainset.connect.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import java.util.List;
import java.util.Optional;

/**
 * The Parquet key-value metadata under which Hugging Face {@code datasets} finds a file's features:
 * key {@code huggingface}, value {@code {"info": {"features": {...}}}}, one entry per column in file
 * order. {@code datasets} takes a feature from this metadata when its Arrow type equals the
 * column's; so the label names survive a load as a {@code ClassLabel} on the int64
 * {@code label_id} column, which is written whenever the label names are known. A group column's
 * feature is a dict of its children's features.
 */
public final class HuggingFaceFeatures {

    /** The key-value metadata key Hugging Face reads. */
    public static final String METADATA_KEY = "huggingface";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HuggingFaceFeatures() {}

    /** The metadata value for a file with these columns (all of them, in order). */
    public static String metadataFor(List<Column> columns, Optional<List<String>> classNames) {
        ObjectNode features = JSON.createObjectNode();
        for (Column column : columns) {
            if (column.name().equals(DatasetColumns.LABEL_ID) && classNames.isPresent()) {
                ObjectNode classLabel = features.putObject(column.name());
                classLabel.put("_type", "ClassLabel");
                classNames.get().forEach(classLabel.putArray("names")::add);
            } else {
                features.set(column.name(), featureOf(column.type()));
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("info").set("features", features);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Hugging Face features as JSON", e);
        }
    }

    private static ObjectNode featureOf(ColumnType type) {
        ObjectNode feature = JSON.createObjectNode();
        if (type.kind() == ColumnType.Kind.STRUCT) {
            type.children().forEach(child -> feature.set(child.name(), featureOf(child.type())));
            return feature; // a dict of features: datasets reads a struct column as a dict per row
        }
        if (type.kind() == ColumnType.Kind.LIST) {
            feature.put("_type", "Sequence");
            feature.set("feature", featureOf(type.element()));
            return feature;
        }
        feature.put("dtype", dtypeOf(type));
        feature.put("_type", "Value");
        return feature;
    }

    /** The {@code Value} dtype whose Arrow type is the one pyarrow reads for the column. */
    static String dtypeOf(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "bool";
            case INT -> "int32";
            case LONG -> "int64";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case STRING -> "string";
            case BYTES -> "binary";
            case TIMESTAMP_MILLIS -> "timestamp[ms, tz=UTC]";
            case DATE -> "date32";
            case DECIMAL -> "decimal128(" + type.precision() + ", " + type.scale() + ")";
            case LIST -> throw new IllegalArgumentException("a list has no single dtype");
            case STRUCT -> throw new IllegalArgumentException("a group has no single dtype");
        };
    }
}
