package io.trainset.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class ThreadWriterLaneTest {

    @Test
    void jobsRunInTheOrderSubmittedOnTheLanesOwnThreadAndACallWaitsForThem() {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (WriterLane lane = WriterLane.thread("lane-under-test", 4)) {
            for (int job = 0; job < 20; job++) {
                int n = job;
                lane.submit(() -> {
                    ran.add(n);
                    threads.add(Thread.currentThread().getName());
                });
            }

            int seen = lane.call(ran::size);

            assertThat(seen).isEqualTo(20);
            assertThat(ran)
                    .containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
            assertThat(threads).containsOnly("lane-under-test");
        }
    }

    @Test
    void jobsWaitingBehindTheRunningOneAreSeenUntilTheyRan() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (WriterLane lane = WriterLane.thread("lane-under-test", 4)) {
            lane.submit(() -> {
                running.countDown();
                awaitQuietly(release);
            });
            running.await();
            assertThat(lane.hasWaitingJobs()).as("only the running job").isFalse();

            lane.submit(() -> {});
            assertThat(lane.hasWaitingJobs()).isTrue();

            release.countDown();
            lane.call(() -> null);
            assertThat(lane.hasWaitingJobs()).isFalse();
        }
    }

    /** However fast the lane would run the job (a finished future hides an interrupt from get()), the call fails. */
    @Test
    void anInterruptedCallerFailsWithoutRunningTheJob() {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (WriterLane lane = WriterLane.thread("lane-under-test", 4)) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> lane.call(() -> ran.add("job")))
                        .isInstanceOf(ConnectException.class)
                        .hasMessage("Interrupted before calling lane-under-test");
            } finally {
                Thread.interrupted();
            }
        }
        assertThat(ran).isEmpty();
    }

    @Test
    void aCallRethrowsWhatItThrew() {
        try (WriterLane lane = WriterLane.thread("lane-under-test", 4)) {
            assertThatThrownBy(() -> lane.call(() -> {
                        throw new IllegalStateException("the writer's message");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the writer's message");
        }
    }

    @Test
    void submitWaitsWhileTheLaneHoldsItsCapacityOfJobs() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        try (WriterLane lane = WriterLane.thread("lane-under-test", 1)) {
            lane.submit(() -> {
                awaitQuietly(release);
                ran.add(1);
            });
            Thread submitter = new Thread(() -> lane.submit(() -> ran.add(2)));
            submitter.start();

            await().until(() -> submitter.getState() == Thread.State.WAITING);
            assertThat(ran).isEmpty();
            release.countDown();
            submitter.join();
            lane.call(() -> null);

            assertThat(ran).containsExactly(1, 2);
        }
    }

    @Test
    void closeRunsTheJobsSubmittedBeforeIt() {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        WriterLane lane = WriterLane.thread("lane-under-test", 8);
        for (int job = 0; job < 5; job++) {
            int n = job;
            lane.submit(() -> ran.add(n));
        }

        lane.close();

        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aJobThatThrowsEvenAnErrorStopsTheLaneAndIsItsFailure() {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        try (WriterLane lane = WriterLane.thread("lane-under-test", 4)) {
            lane.submit(() -> ran.add(1));
            lane.submit(() -> {
                throw new OutOfMemoryError("Java heap space");
            });
            lane.submit(() -> ran.add(3));
            lane.call(() -> null);

            assertThat(ran).as("the job after the failure is skipped").containsExactly(1);
            assertStoppedBy(lane, "lane-under-test failed: java.lang.OutOfMemoryError: Java heap space");
        }
    }

    @Test
    void parallelJobsRunBesideEachOtherAndTheNextOrderedJobRunsAfterAllOfThem() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (WriterLane lane = WriterLane.thread("lane-under-test", 8, 3)) {
            lane.submit(() -> ran.add("before"));
            for (int job = 0; job < 3; job++) {
                int n = job;
                lane.submitParallel(() -> {
                    started.countDown();
                    awaitQuietly(release);
                    ran.add("upload " + n + " on " + Thread.currentThread().getName());
                });
            }
            lane.submit(() -> ran.add("checkpoint"));

            started.await(); // all three run at once
            assertThat(ran).containsExactly("before");
            release.countDown();
            lane.call(() -> null);

            assertThat(ran).hasSize(5).startsWith("before").endsWith("checkpoint");
            assertThat(ran.subList(1, 4))
                    .allMatch(line -> line.matches("upload [0-2] on lane-under-test-[1-3]"))
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void aFailedParallelJobStopsTheLaneSoTheOrderedJobAfterItIsSkipped() {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (WriterLane lane = WriterLane.thread("lane-under-test", 8, 3)) {
            lane.submitParallel(() -> ran.add("upload 1"));
            lane.submitParallel(() -> {
                throw new IllegalStateException("Cannot upload file 2");
            });
            lane.submitParallel(() -> ran.add("upload 3"));
            lane.submit(() -> ran.add("checkpoint"));
            lane.call(() -> null);

            assertThat(ran).doesNotContain("checkpoint");
            assertStoppedBy(lane, "Cannot upload file 2");
        }
    }

    @Test
    void aParallelJobHoldsItsPlaceInTheBoundUntilItEnds() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        try (WriterLane lane = WriterLane.thread("lane-under-test", 2, 4)) {
            lane.submitParallel(() -> awaitQuietly(release));
            lane.submitParallel(() -> awaitQuietly(release));
            Thread submitter = new Thread(() -> lane.submitParallel(() -> ran.add(3)));
            submitter.start();

            await().until(() -> submitter.getState() == Thread.State.WAITING);
            assertThat(ran).isEmpty();
            release.countDown();
            submitter.join();
            lane.call(() -> null);

            assertThat(ran).containsExactly(3);
        }
    }

    @Test
    void closeWaitsForTheParallelJobsRunningAndStopsEveryThreadOfTheLane() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        WriterLane lane = WriterLane.thread("lane-closing", 8, 2);
        for (int job = 0; job < 2; job++) {
            int n = job;
            lane.submitParallel(() -> {
                started.countDown();
                awaitQuietly(release);
                ran.add("upload " + n);
            });
        }
        started.await();
        Thread closer = new Thread(lane::close);
        closer.start();

        await().until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        assertThat(ran).isEmpty();
        release.countDown();
        closer.join();

        assertThat(ran).containsExactlyInAnyOrder("upload 0", "upload 1");
        await().until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("lane-closing")));
    }

    @Test
    void withParallelismOneParallelJobsRunInOrderOnTheLanesThread() {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (WriterLane lane = WriterLane.thread("lane-under-test", 4, 1)) {
            for (int job = 0; job < 5; job++) {
                int n = job;
                lane.submitParallel(
                        () -> ran.add(n + " on " + Thread.currentThread().getName()));
            }
            lane.call(() -> null);
        }
        assertThat(ran)
                .containsExactly(
                        "0 on lane-under-test",
                        "1 on lane-under-test",
                        "2 on lane-under-test",
                        "3 on lane-under-test",
                        "4 on lane-under-test");
    }

    private static void assertStoppedBy(WriterLane lane, String message) {
        assertThat(lane.failure())
                .get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .hasMessage(message);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
