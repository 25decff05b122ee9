package io.trainset.connect.pipeline;

import io.trainset.connect.testing.EventClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.connect.sink.SinkRecord;

/** A dead-letter queue for tests: records every report; answers with a completed future unless told otherwise. */
final class RecordingErrors implements RecordErrors {

    record Report(SinkRecord record, Throwable error) {}

    final List<Report> reported = new ArrayList<>();
    private Supplier<Future<Void>> answer = () -> CompletableFuture.completedFuture(null);

    /** The reports of records other than the event clock's. */
    List<Report> reportedExceptClock() {
        return reported.stream()
                .filter(report -> !EventClock.isClock(report.record()))
                .toList();
    }

    /** The errors reported, in order. */
    List<Throwable> errors() {
        return reported.stream().map(Report::error).toList();
    }

    void answer(Supplier<Future<Void>> answer) {
        this.answer = answer;
    }

    @Override
    public Future<Void> report(SinkRecord record, Throwable error) {
        reported.add(new Report(record, error));
        return answer.get();
    }
}
