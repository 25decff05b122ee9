package io.trainset.connect.record;

import static io.trainset.connect.record.Groups.column;
import static io.trainset.connect.record.Groups.grouping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** features.nested=group with Connect Structs: a nested struct stays one group column, typed once per schema. */
class StructGroupsTest {

    private static final Instant SINCE = Instant.parse("2024-03-01T08:00:00Z");

    private static final Schema ADDRESS = SchemaBuilder.struct()
            .name("Address")
            .optional()
            .field("city", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
    private static final Schema CUSTOMER = SchemaBuilder.struct()
            .name("Customer")
            .field("tier", Schema.STRING_SCHEMA)
            .field("since", Timestamp.SCHEMA)
            .field("credit", Decimal.schema(2))
            .field("address", ADDRESS)
            .build();
    private static final Schema ISSUE = issueSchema(CUSTOMER);

    private static final ColumnType ADDRESS_GROUP =
            ColumnType.struct(List.of(new Column("city", ColumnType.STRING), new Column("zip", ColumnType.INT)));
    private static final ColumnType CUSTOMER_GROUP = ColumnType.struct(List.of(
            new Column("tier", ColumnType.STRING), new Column("since", ColumnType.TIMESTAMP_MILLIS),
            new Column("credit", ColumnType.decimal(38, 2)), new Column("address", ADDRESS_GROUP)));

    private final FeatureExtractor everything = Groups.everything();

    private static Schema issueSchema(Schema customer) {
        return SchemaBuilder.struct()
                .name("Issue")
                .field("title", Schema.STRING_SCHEMA)
                .field("customer", customer)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .build();
    }

    private static Struct issue(String title, Struct address) {
        return new Struct(ISSUE)
                .put("title", title)
                .put("tags", List.of("billing"))
                .put(
                        "customer",
                        new Struct(CUSTOMER)
                                .put("tier", "pro")
                                .put("since", java.util.Date.from(SINCE))
                                .put("credit", new BigDecimal("12.34"))
                                .put("address", address));
    }

    private static Struct berlin() {
        return new Struct(ADDRESS).put("city", "Berlin").put("zip", 10115);
    }

    @Test
    void aNestedStructIsOneGroupColumnWithItsFieldsAsChildrenInSchemaOrder() {
        Features features = everything.extract(issue("Charged twice", berlin()));

        assertThat(features.columns())
                .containsExactly(
                        column("title", ColumnType.STRING),
                        column("customer", CUSTOMER_GROUP),
                        column("tags", ColumnType.list(ColumnType.STRING)));
        assertThat(features.values())
                .containsExactly(
                        "Charged twice",
                        List.of("pro", SINCE.toEpochMilli(), new BigDecimal("12.34"), List.of("Berlin", 10115)),
                        List.of("billing"));
    }

    @Test
    void aNullGroupAndNullChildrenAreNull() {
        Features features = everything.extract(issue("t", null));
        Features noZip = everything.extract(issue("t", new Struct(ADDRESS).put("city", "Oslo")));

        assertThat(features.values().get(1))
                .isEqualTo(Arrays.asList("pro", SINCE.toEpochMilli(), new BigDecimal("12.34"), null));
        assertThat(noZip.values().get(1)).asList().last().isEqualTo(Arrays.asList("Oslo", null));
    }

    @Test
    void anIncludedPathToAStructIsAGroupNamedAfterThePathAndToALeafAFlatColumn() {
        Features features = grouping(
                        List.of("customer.address", "customer.tier"), List.of(), Map.of(), ColumnTypeGuard.Policy.DLQ)
                .extract(issue("t", berlin()));

        assertThat(features.columns())
                .containsExactly(column("customer_address", ADDRESS_GROUP), column("customer_tier", ColumnType.STRING));
        assertThat(features.values()).containsExactly(List.of("Berlin", 10115), "pro");
    }

    @Test
    void excludesAndRenamesApplyToTopLevelColumnNames() {
        Features features = grouping(
                        List.of(),
                        List.of("tags", "customer_tier"),
                        Map.of("customer", "client"),
                        ColumnTypeGuard.Policy.DLQ)
                .extract(issue("t", berlin()));

        assertThat(features.columns())
                .containsExactly(column("title", ColumnType.STRING), column("client", CUSTOMER_GROUP));
    }

    @Test
    void theGroupTypeIsDerivedOncePerSchema() {
        Features first = everything.extract(issue("first", berlin()));
        Features second = everything.extract(issue("second", null));

        assertThat(second.columns()).isSameAs(first.columns());
    }

    @Test
    void aSchemaWhoseGroupLacksAChildIsWrittenAsTheEstablishedGroup() {
        everything.extract(issue("first", berlin()));
        Schema older = SchemaBuilder.struct()
                .name("Customer")
                .field("tier", Schema.STRING_SCHEMA)
                .field("address", ADDRESS)
                .build();
        Schema olderIssue = issueSchema(older);

        Features features = everything.extract(new Struct(olderIssue)
                .put("title", "old")
                .put("tags", List.of())
                .put("customer", new Struct(older).put("tier", "free").put("address", berlin())));

        assertThat(features.columns())
                .containsExactly(
                        column("title", ColumnType.STRING),
                        column("customer", CUSTOMER_GROUP),
                        column("tags", ColumnType.list(ColumnType.STRING)));
        assertThat(features.values().get(1)).isEqualTo(Arrays.asList("free", null, null, List.of("Berlin", 10115)));
    }

    @Test
    void aGroupWithANewChildIsATypeChangeThatTheDlqPolicyRejects() {
        everything.extract(issue("first", berlin()));

        assertThatThrownBy(() -> everything.extract(issueWithSegment()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the column 'customer' is a " + CUSTOMER_GROUP + " in the dataset but this value's is "
                        + "a struct<tier:string,since:timestamp_millis,credit:decimal(38,2),address:struct<city:"
                        + "string,zip:int>,segment:string> (an incompatible type change); fix the producer (a "
                        + "group keeps the children it was first written with), set features.nested=flatten so "
                        + "that new nested fields become new columns, or set schema.type.change.policy=new_column "
                        + "to write such values to the column 'customer__struct_99bfce62'");
    }

    @Test
    void underNewColumnAGroupWithANewChildGoesToAColumnNamedAfterTheHashOfItsType() {
        FeatureExtractor extractor = grouping(List.of(), List.of(), Map.of(), ColumnTypeGuard.Policy.NEW_COLUMN);
        extractor.extract(issue("first", berlin()));

        Features features = extractor.extract(issueWithSegment());

        assertThat(features.columns())
                .extracting(Column::name)
                .containsExactly("title", "customer__struct_99bfce62", "tags");
        assertThat(features.values().get(1)).asList().last().isEqualTo("smb");
    }

    private Struct issueWithSegment() {
        Schema customer = SchemaBuilder.struct()
                .name("Customer")
                .field("tier", Schema.STRING_SCHEMA)
                .field("since", Timestamp.SCHEMA)
                .field("credit", Decimal.schema(2))
                .field("address", ADDRESS)
                .field("segment", Schema.STRING_SCHEMA)
                .build();
        return new Struct(issueSchema(customer))
                .put("title", "t")
                .put("tags", List.of())
                .put(
                        "customer",
                        new Struct(customer)
                                .put("tier", "pro")
                                .put("since", java.util.Date.from(SINCE))
                                .put("credit", new BigDecimal("1.00"))
                                .put("segment", "smb"));
    }

    @Test
    void aStructWithoutFieldsIsLeftOutAndAnArrayOfStructsStaysJson() {
        Schema empty = SchemaBuilder.struct().name("Empty").build();
        Schema comment =
                SchemaBuilder.struct().field("author", Schema.STRING_SCHEMA).build();
        Schema schema = SchemaBuilder.struct()
                .field("extra", empty)
                .field("comments", SchemaBuilder.array(comment).build())
                .build();

        Features features = everything.extract(new Struct(schema)
                .put("extra", new Struct(empty))
                .put("comments", List.of(new Struct(comment).put("author", "ana"))));

        assertThat(features.columns()).containsExactly(column("comments", ColumnType.STRING));
        assertThat(features.values()).containsExactly("[{\"author\":\"ana\"}]");
    }

    @Test
    void twoFieldsThatBecomeOneChildNameAreRejectedWithTheFix() {
        Schema contact = SchemaBuilder.struct()
                .field("e-mail", Schema.STRING_SCHEMA)
                .field("e_mail", Schema.STRING_SCHEMA)
                .build();
        Schema schema = SchemaBuilder.struct().field("contact", contact).build();

        assertThatThrownBy(() -> everything.extract(new Struct(schema)
                        .put("contact", new Struct(contact).put("e-mail", "a@b").put("e_mail", "c@d"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two fields of 'contact' both become its child 'e_mail' (names keep only letters, "
                        + "digits and '_'); rename one in the producer, or set features.nested=flatten and leave "
                        + "one out with features.exclude");
    }
}
