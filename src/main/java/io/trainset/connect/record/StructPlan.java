package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.Features;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * The feature columns of one Connect struct schema and where each value comes from, derived once
 * per schema; or why the schema's values cannot become columns.
 */
record StructPlan(List<FieldPath> paths, ColumnTypeGuard.Checked checked, IllegalArgumentException failure) {

    static StructPlan failed(IllegalArgumentException failure) {
        return new StructPlan(List.of(), null, failure);
    }

    /** The features of a value of this schema, its new columns staged in {@code guard}. */
    Features extract(Struct struct, String group, ColumnTypeGuard guard) {
        if (failure != null) {
            throw failure;
        }
        List<Column> columns = guard.use(checked);
        Object[] values = new Object[paths.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = ColumnValues.convert(
                        paths.get(i).get(struct), columns.get(i).type());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the field '" + paths.get(i) + "' (column '"
                                + columns.get(i).name() + "', " + columns.get(i).type() + "): " + e.getMessage(),
                        e);
            }
        }
        return Features.owning(columns, values, group);
    }
}
