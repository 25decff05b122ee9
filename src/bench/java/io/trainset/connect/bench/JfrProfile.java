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
