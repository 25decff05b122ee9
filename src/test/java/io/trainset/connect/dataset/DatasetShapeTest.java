package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.Row;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The columns a file holds besides the row's own: the label as a string, and the window each row was judged by. */
class DatasetShapeTest {

    private static final long T0 = 1_764_000_000_000L;
    private static final Duration WINDOW = Duration.ofHours(36);

    private final DatasetShape shape = new DatasetShape(
            DatasetShape.defaults().splitSpec(), LayoutSpec.defaults(), Optional.empty(), WINDOW, false);
    private final FileLayout files = new FileLayout(0, LayoutSpec.defaults());

    private static Row row(String label, JoinStatus status) {
        return new Row(
                "ISSUE-1",
                Features.EMPTY,
                label,
                T0,
                status == JoinStatus.JOINED ? T0 + 5_000 : null,
                status,
                status == JoinStatus.JOINED ? 1 : 0,
                List.of());
    }

    @Test
    void theDefaultShapeWritesTheLabelAsAStringColumnAndEveryRowsLabelDeadline() {
        assertThat(shape.extraColumns())
                .containsExactly(
                        new Column("label", ColumnType.STRING),
                        new Column("label_deadline", ColumnType.TIMESTAMP_MILLIS));
    }

    @Test
    void aRowsLabelDeadlineIsItsSubmittedTimePlusTheLabelWindowWhetherJoinedOrCensored() {
        long deadline = T0 + WINDOW.toMillis();

        assertThat(shape.extras(row("007", JoinStatus.JOINED), "train", files).values())
                .containsExactly("007", deadline);
        assertThat(shape.extras(row(null, JoinStatus.TIMED_OUT), "train", files).values())
                .containsExactly(null, deadline);
        assertThat(shape.extras(row("", JoinStatus.JOINED), "train", files).values())
                .containsExactly("", deadline);
    }

    @Test
    void aLaterVersionsRowIsJudgedByItsCasesWindowNotFromItsOwnSubmittedTime() {
        long firstVersion = T0 - 600_000; // join.submission.versions=latest: the row is the edit, the case began before
        Row edited = new Row(
                "ISSUE-1",
                Features.EMPTY,
                null,
                T0,
                null,
                JoinStatus.TIMED_OUT,
                0,
                List.of(),
                Features.EMPTY,
                Row.Version.of(1, firstVersion));

        assertThat(shape.extras(edited, "train", files).values())
                .containsExactly(null, firstVersion + WINDOW.toMillis());
    }

    @Test
    void theEarlyLabelModeAddsTheVersionTheFinalFlagAndTheCaseStartAfterTheDeadline() {
        DatasetShape early = new DatasetShape(
                DatasetShape.defaults().splitSpec(), LayoutSpec.defaults(), Optional.empty(), WINDOW, true);
        long deadline = T0 + WINDOW.toMillis();
        long earlyPoint = T0 + 3_600_000;
        Row provisional = new Row(
                "ISSUE-1",
                Features.EMPTY,
                null,
                T0,
                null,
                JoinStatus.PROVISIONAL,
                0,
                List.of(),
                Features.EMPTY,
                new Row.Version(1, T0, earlyPoint));
        Row revised = new Row(
                "ISSUE-1",
                Features.EMPTY,
                "007",
                T0,
                T0 + 5_000,
                JoinStatus.JOINED,
                1,
                List.of(),
                Features.EMPTY,
                new Row.Version(2, null, null));

        assertThat(early.extraColumns())
                .containsExactly(
                        new Column("label", ColumnType.STRING),
                        new Column("label_deadline", ColumnType.TIMESTAMP_MILLIS),
                        new Column("label_version", ColumnType.INT),
                        new Column("label_final", ColumnType.BOOLEAN),
                        new Column("case_started_at", ColumnType.TIMESTAMP_MILLIS));
        assertThat(early.extras(provisional, "train", files).values())
                .as("a provisional row is judged by its early point")
                .containsExactly(null, earlyPoint, 1, false, T0);
        assertThat(early.extras(revised, "train", files).values()).containsExactly("007", deadline, 2, true, T0);
        assertThat(early.extras(row("007", JoinStatus.JOINED), "train", files).values())
                .containsExactly("007", deadline, 1, true, T0);
    }
}
