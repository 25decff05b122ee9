package io.trainset.connect.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The feature columns taken from one submitted event, and their values (null allowed) in column
 * order. The column list is shared between events of one input schema.
 */
public record Features(List<Column> columns, List<Object> values) {

    public Features {
        if (columns.size() != values.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + values.size() + " values");
        }
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }
}
