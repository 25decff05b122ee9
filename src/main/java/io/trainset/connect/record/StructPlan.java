package io.trainset.connect.record;

import io.trainset.connect.dataset.Column;
import io.trainset.connect.dataset.Features;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * The feature columns of one Connect struct schema and where each value comes from, derived once
 * per schema; or why the schema's values cannot become columns.
 */
record StructPlan(List<FieldPath> paths, List<Column> columns, String failure) {

    static StructPlan failed(String failure) {
        return new StructPlan(List.of(), List.of(), failure);
    }

    Features extract(Struct struct, String group) {
        if (failure != null) {
            throw new IllegalArgumentException(failure);
        }
        List<Object> values = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            try {
                values.add(ColumnValues.convert(paths.get(i).get(struct), columns.get(i).type()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the field '" + paths.get(i) + "' (column '" + columns.get(i).name()
                        + "', " + columns.get(i).type() + "): " + e.getMessage(), e);
            }
        }
        return new Features(columns, values, group);
    }
}
