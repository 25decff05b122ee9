package io.trainset.connect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Optional;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A Java Flight Recorder recording of one run with the JDK's {@code profile} settings (execution
 * samples every 10 ms, allocation samples), written to a file when the run ends; or nothing.
 */
final class JfrProfile {

    /** The shortest park, socket read or write and monitor wait recorded ({@code profile} alone: 10-20 ms). */
    static final java.time.Duration WAIT_THRESHOLD = java.time.Duration.ofMillis(1);

    private final Optional<Path> file;
    private Recording recording;

    private JfrProfile(Optional<Path> file) {
        this.file = file;
    }

    static JfrProfile none() {
        return new JfrProfile(Optional.empty());
    }

    static JfrProfile to(Path file) {
        return new JfrProfile(Optional.of(file));
    }

    void start() {
        if (file.isEmpty()) {
            return;
        }
        try {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName("trainset-bench");
            for (String wait : new String[] {
                "jdk.ThreadPark", "jdk.SocketRead", "jdk.SocketWrite", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait"
            }) {
                recording.enable(wait).withThreshold(WAIT_THRESHOLD).withStackTrace();
            }
            recording.start();
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("Cannot start a JFR recording", e);
        }
    }

    /** Stops and writes the recording; returns where, if anywhere. */
    Optional<Path> stop() {
        if (recording == null) {
            return Optional.empty();
        }
        try {
            recording.stop();
            Path target = file.get().toAbsolutePath();
            Files.createDirectories(target.getParent());
            recording.dump(target);
            recording.close();
            recording = null;
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JFR recording " + file.get(), e);
        }
    }
}
