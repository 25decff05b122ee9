package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadSpillTest {

    private static final List<Column> COLUMNS = List.of(
            new Column("title", ColumnType.STRING),
            new Column("priority", ColumnType.LONG),
            new Column("amount", ColumnType.decimal(10, 2)),
            new Column("raw", ColumnType.BYTES),
            new Column("tags", ColumnType.list(ColumnType.STRING)));

    @TempDir
    Path directory;

    private static Features features(String title) {
        return new Features(
                COLUMNS,
                Arrays.asList(
                        title, 3L, new BigDecimal("12.50"), ByteBuffer.wrap(new byte[] {1, 2, 3}), List.of("a", "b")),
                "customer-7");
    }

    @Test
    void aSpilledPayloadReadsBackAsTheFeaturesItStandsForAndEqualsThemBothWays() {
        try (PayloadSpill spill = new PayloadSpill(directory, 3, 1 << 20)) {
            Features original = features("Charged twice");
            SpilledFeatures spilled = spill.spill(original);
            SpilledFeatures copy = spill.spill(features("Charged twice"));
            SpilledFeatures other = spill.spill(features("Charged once"));

            assertThat(PayloadSpill.features(spilled)).isEqualTo(original);
            assertThat(PayloadSpill.inHeap(spilled)).isEqualTo(original);
            assertThat(PayloadSpill.features(original)).isSameAs(original);
            assertThat(spilled)
                    .isEqualTo(original)
                    .isEqualTo(copy)
                    .isNotEqualTo(other)
                    .hasSameHashCodeAs(original);
            assertThat(spill.spilledCount()).isEqualTo(3);
        }
    }

    @Test
    void aSegmentIsDeletedOnceEveryPayloadInItIsReleasedAndCloseDeletesTheRest() throws IOException {
        try (PayloadSpill spill = new PayloadSpill(directory, 0, 100)) {
            SpilledFeatures first = spill.spill(features("first segment, filled at once past 100 bytes......"));
            SpilledFeatures second = spill.spill(features("second segment"));
            assertThat(spill.openSegments()).isEqualTo(2);

            PayloadSpill.release(first);
            PayloadSpill.release(first);

            assertThat(spill.openSegments()).as("released twice, counted once").isEqualTo(1);
            assertThat(spill.liveBytes()).isPositive();
            assertThat(PayloadSpill.features(second)).isEqualTo(features("second segment"));
            assertThatThrownBy(first::features)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("A spilled submission was read after the join released it");
            spill.close();
            assertThat(spill.openSegments()).isZero();
        }
        assertThat(files())
                .as("unlinked at once on Unix: nothing is left behind, even by a killed worker")
                .isEmpty();
    }

    @Test
    void aSpillThatCannotWriteSaysWhereAndWhatToDo() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("file"), "x");
        try (PayloadSpill spill = new PayloadSpill(notADirectory, 0, 100)) {
            assertThatThrownBy(() -> spill.spill(features("t")))
                    .hasMessageStartingWith("Cannot spill a waiting " + "submission to " + notADirectory + ": ")
                    .hasMessageEndingWith("Check that join.spill.dir is "
                            + "writable and has room, or raise join.buffer.max.bytes (and the worker's heap).");
        }
    }

    @Test
    void aSpillLivesInAPrivateDirectoryOfItsOwnWithPrivateFilesAndCloseRemovesIt() throws IOException {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        try (PayloadSpill first = new PayloadSpill(directory, 1, 1 << 20);
                PayloadSpill second = new PayloadSpill(directory, 1, 1 << 20)) {
            first.spill(features("a"));
            second.spill(features("b"));
            Path own = first.directory();

            assertThat(own.getParent()).isEqualTo(directory);
            assertThat(own.getFileName().toString()).startsWith("trainset-spill-unit-0001-");
            assertThat(second.directory())
                    .as("a directory per spill, never shared")
                    .isNotEqualTo(own);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own)))
                    .isEqualTo("rwx------");
            assertThat(openFilesIn(own))
                    .as("the segment file, unlinked but open")
                    .singleElement()
                    .satisfies(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .isEqualTo("rw-------"));
            first.close();

            assertThat(own).doesNotExist();
            assertThat(second.directory()).isDirectory();
        }
        assertThat(files()).isEmpty();
    }

    /** The open file descriptors of this JVM (Linux's /proc) that lie in {@code dir}, deleted or not. */
    private static List<Path> openFilesIn(Path dir) throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(descriptors), "/proc/self/fd");
        List<Path> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(descriptors)) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith(dir + "/")) {
                        open.add(fd);
                    }
                } catch (IOException e) {
                    // closed meanwhile (the listing's own descriptor)
                }
            }
        }
        return open;
    }

    /** Everything under the base directory. */
    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> !f.equals(directory)).toList();
        }
    }
}
