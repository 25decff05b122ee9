package io.trainset.connect.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A row's early-label fields ({@link Row.Version}): what a row without the mode carries, and what is refused. */
class RowTest {

    private static final long SUBMITTED = 1_000;

    private static Row row(JoinStatus status, Row.Version version) {
        return new Row("k", Features.EMPTY, null, SUBMITTED, null, status, 0, List.of(), Features.EMPTY, version);
    }

    @Test
    void aRowWithoutTheModeIsVersionOneOfACaseStartedAtItsSubmissionJudgedByTheDefaultDeadline() {
        Row row = new Row("k", Features.EMPTY, null, SUBMITTED, null, JoinStatus.TIMED_OUT, 0, List.of());

        assertThat(row.version()).isEqualTo(Row.Version.FINAL_V1);
        assertThat(row.labelVersion()).isEqualTo(1);
        assertThat(row.caseStartedAtMs()).isEqualTo(SUBMITTED);
        assertThat(row.labelDeadlineMs()).isNull();
        assertThat(row.labelFinal()).isTrue();
    }

    @Test
    void aCaseStartEqualToTheSubmittedTimeIsTheSameRowAsOneWithoutIt() {
        Row explicit = row(JoinStatus.TIMED_OUT, Row.Version.of(1, SUBMITTED));

        assertThat(explicit).isEqualTo(row(JoinStatus.TIMED_OUT, Row.Version.FINAL_V1));
        assertThat(explicit.caseStartedAtMs()).isEqualTo(SUBMITTED);
        assertThat(explicit.version()).isSameAs(Row.Version.FINAL_V1); // no second version object per row
        assertThat(row(JoinStatus.JOINED, Row.Version.of(2, SUBMITTED)).version())
                .isEqualTo(new Row.Version(2, null, null));
        assertThat(row(JoinStatus.PROVISIONAL, new Row.Version(1, SUBMITTED, 1_100L))
                        .version())
                .isEqualTo(new Row.Version(1, null, 1_100L));
    }

    @Test
    void aProvisionalRowKeepsItsCaseStartAndItsEarlyPoint() {
        Row provisional = row(JoinStatus.PROVISIONAL, new Row.Version(1, 900L, 1_100L));

        assertThat(provisional.labelVersion()).isEqualTo(1);
        assertThat(provisional.caseStartedAtMs()).isEqualTo(900);
        assertThat(provisional.labelDeadlineMs()).isEqualTo(1_100);
        assertThat(provisional.labelFinal()).isFalse();
        assertThat(row(JoinStatus.TIMED_OUT, Row.Version.of(2, 900)).labelVersion())
                .isEqualTo(2);
    }

    @Test
    void aVersionOtherThanOneOrTwoAndAProvisionalRowOfVersionTwoAreRefused() {
        assertThatThrownBy(() -> Row.Version.of(3, SUBMITTED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label version 3: 1 or 2");
        assertThatThrownBy(() -> Row.Version.of(0, SUBMITTED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> row(JoinStatus.PROVISIONAL, Row.Version.of(2, SUBMITTED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label version 2 of a provisional row");
    }
}
