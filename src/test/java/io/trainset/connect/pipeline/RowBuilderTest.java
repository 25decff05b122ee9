package io.trainset.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.testing.JoinOutcomes;
import org.junit.jupiter.api.Test;

/** The version a row gets from its outcome: the one {@link Row.Version#FINAL_V1} for a case of its own submission. */
class RowBuilderTest {

    private static final Event SUBMITTED =
            new Event(Side.SUBMITTED, "ISSUE-1", 1_000, new SourcePosition("submitted", 0, 7), "payload");
    private static final Event RESOLVED =
            new Event(Side.RESOLVED, "ISSUE-1", 2_000, new SourcePosition("resolved", 0, 3), new Resolution("bug"));

    @Test
    void aCaseAnchoredAtItsSubmissionWithoutAProvisionalRowSharesTheOneFinalVersion() {
        Row matched = RowBuilder.matched(JoinOutcomes.matched(SUBMITTED, RESOLVED, 1), payload -> Features.EMPTY);
        Row timedOut = RowBuilder.timedOut(
                JoinOutcomes.timedOut(SUBMITTED, Policies.TimedOut.EMIT), payload -> Features.EMPTY);

        assertThat(matched.version()).isSameAs(Row.Version.FINAL_V1);
        assertThat(timedOut.version()).isSameAs(Row.Version.FINAL_V1);
    }

    @Test
    void aLaterVersionOrAnEarlierCaseStartKeepsItsOwnVersion() {
        Row second = RowBuilder.matched(JoinOutcomes.matched(SUBMITTED, RESOLVED, 1, 2), payload -> Features.EMPTY);
        Row earlierCase = RowBuilder.matched(
                new JoinOutcome.Matched(SUBMITTED, RESOLVED, 1, 1, 900, null), payload -> Features.EMPTY);

        assertThat(second.version()).isEqualTo(new Row.Version(2, null, null));
        assertThat(earlierCase.version()).isEqualTo(Row.Version.of(1, 900));
        assertThat(earlierCase.caseStartedAtMs()).isEqualTo(900);
    }

    @Test
    void aCaseJudgedByAWindowOfAnotherAnchorCarriesThatWindowsEndAsItsDeadline() {
        Row timedOut = RowBuilder.timedOut(
                new JoinOutcome.TimedOut(SUBMITTED, Policies.TimedOut.EMIT, 2, 1_000, 1_500L),
                payload -> Features.EMPTY);

        assertThat(timedOut.version()).isEqualTo(new Row.Version(2, null, 1_500L));
        assertThat(timedOut.caseStartedAtMs()).isEqualTo(1_000);
        assertThat(timedOut.labelDeadlineMs()).isEqualTo(1_500L);
    }
}
