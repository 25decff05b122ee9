package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.record.LabelRules.Normalization;
import io.trainset.connect.record.LabelRules.UnknownLabelPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelRulesTest {

    private static LabelRules rules(UnknownLabelPolicy policy) {
        return new LabelRules(
                Normalization.LOWER,
                LabelRules.parseMapping(
                        List.of("Billing Dept=billing", "Tech  Support=technical", "a=b=c"), Normalization.LOWER),
                List.of("billing", "technical"),
                policy,
                "other");
    }

    @Test
    void labelsAreNormalisedThenMapped() {
        LabelRules rules = rules(UnknownLabelPolicy.KEEP);

        assertThat(rules.apply("Billing Dept")).isEqualTo("billing");
        assertThat(rules.apply("  BILLING   dept ")).isEqualTo("billing");
        assertThat(rules.apply("tech support")).isEqualTo("technical");
        assertThat(rules.apply("Technical")).isEqualTo("technical");
        assertThat(rules.apply("A=B")).isEqualTo("c");
    }

    @Test
    void unknownLabelsAreKeptReplacedOrRejected() {
        assertThat(rules(UnknownLabelPolicy.KEEP).apply("Shipping")).isEqualTo("shipping");
        assertThat(rules(UnknownLabelPolicy.OTHER).apply("Shipping")).isEqualTo("other");
        assertThatThrownBy(() -> rules(UnknownLabelPolicy.DLQ).apply("Shipping"))
                .isInstanceOf(LabelRules.UnknownLabelException.class)
                .hasMessage("the label 'shipping' (raw 'Shipping') is not one of label.allowed [billing, technical]");
    }

    @Test
    void noneLeavesLabelsAsTheyCome() {
        assertThat(LabelRules.none().apply(" Billing Dept ")).isEqualTo(" Billing Dept ");
    }

    @Test
    void classNamesAreTheAllowedLabelsPlusOtherWhenKnownUpFront() {
        assertThat(rules(UnknownLabelPolicy.OTHER).classNames()).hasValue(List.of("billing", "technical", "other"));
        assertThat(rules(UnknownLabelPolicy.DLQ).classNames()).hasValue(List.of("billing", "technical"));
        assertThat(rules(UnknownLabelPolicy.KEEP).classNames()).isEqualTo(Optional.empty());
    }

    @Test
    void aBadMappingEntryNamesTheFix() {
        assertThatThrownBy(() -> LabelRules.parseMapping(List.of("billing"), Normalization.NONE))
                .hasMessage("'billing' is not 'source=target', e.g. 'Billing Dept=billing'");
        assertThatThrownBy(() -> LabelRules.parseMapping(List.of("A=x", "a=y"), Normalization.LOWER))
                .hasMessage("the label 'a' is mapped twice");
    }
}
