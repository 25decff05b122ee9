package io.trainset.connect.record;

import java.util.Locale;

/** How nested structs (Connect Structs, nested maps of schemaless values) become columns ({@code features.nested}). */
public enum Nesting {
    /** One column per leaf field, named by its path: {@code customer.tier} becomes {@code customer_tier}. */
    FLATTEN,
    /** A nested struct stays one column, a Parquet group (Avro record, Arrow struct) of its fields. */
    GROUP;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
