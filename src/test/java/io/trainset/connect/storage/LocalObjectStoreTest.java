package io.trainset.connect.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest implements ObjectStoreContract {

    @TempDir
    Path root;

    private LocalObjectStore store;

    @BeforeEach
    void open() throws IOException {
        store = new LocalObjectStore(root);
    }

    @Override
    public ObjectStore store() {
        return store;
    }

    @Test
    void committedObjectIsAPlainFileUnderItsKey() throws IOException {
        write("split=train/part-0.parquet", "hello");

        assertThat(root.resolve("split=train/part-0.parquet")).hasContent("hello");
        assertThat(store.read("split=train/part-0.parquet"))
                .hasValueSatisfying(
                        bytes -> assertThat(new String(bytes, UTF_8)).isEqualTo("hello"));
        assertThat(filesUnder(root)).containsExactly("split=train/part-0.parquet");
    }

    @Test
    void inProgressObjectIsAHiddenNonParquetTempFileInTheTargetDirectory() throws IOException {
        try (ObjectOutput output = store.create("a/b/part-1.parquet")) {
            output.write("partial".getBytes(UTF_8));
            assertThat(output.position()).isEqualTo(7);

            List<String> files = filesUnder(root);
            assertThat(files).hasSize(1);
            String temp = files.get(0);
            assertThat(temp).startsWith("a/b/.part-1.parquet.").doesNotEndWith(".parquet");
            assertThat(store.list("")).isEmpty();
            assertThat(store.read("a/b/part-1.parquet")).isEmpty();
        }
    }

    @Test
    void closeWithoutCommitDeletesTheTempFile() throws IOException {
        try (ObjectOutput output = store.create("x/part-2.parquet")) {
            output.write(new byte[] {1, 2, 3});
        }

        assertThat(filesUnder(root)).isEmpty();
        assertThat(store.read("x/part-2.parquet")).isEmpty();
    }

    @Test
    void commitReplacesAnExistingObject() throws IOException {
        write("k.bin", "old");
        write("k.bin", "new");

        assertThat(root.resolve("k.bin")).hasContent("new");
        assertThat(filesUnder(root)).containsExactly("k.bin");
    }

    @Test
    void writingAfterCommitFails() throws IOException {
        try (ObjectOutput output = store.create("done.bin")) {
            output.commit();
            assertThatThrownBy(() -> output.write(1))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("done.bin is already committed");
        }
        assertThat(store.read("done.bin")).hasValue(new byte[0]);
    }

    @Test
    void keysThatWouldLeaveTheRootAreRejected() {
        assertThatThrownBy(() -> store.create("../escape.parquet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Object key '../escape.parquet' has an empty, '.' or '..' segment: keys"
                        + " must stay inside the store's root, e.g. a/b/c.parquet");
        assertThatThrownBy(() -> store.read("a/../../escape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a/../../escape' has an empty, '.' or '..' segment");
        assertThatThrownBy(() -> store.delete("/etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Object key '/etc/passwd' must be relative to the store's root and use"
                        + " '/' separators, e.g. split=train/part-0.parquet");
        assertThatThrownBy(() -> store.list("../"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../' has an empty, '.' or '..' segment");
        assertThatThrownBy(() -> store.create(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Object key must not be empty");
        assertThatThrownBy(() -> store.create("dir/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Object key 'dir/' ends with '/': name an object, not a directory");
    }

    @Test
    void anOutputWrappedForRetriesIsStillNamedAfterItsFile() throws IOException {
        try (ObjectOutput out = store.create("a/b.parquet");
                ObjectOutput wrapped = new ForwardingObjectOutput(out)) {
            assertThat(wrapped).hasToString(root.resolve("a/b.parquet").toString());
        }
    }

    @Test
    void locationIsTheRootsFileUrl() {
        assertThat(store.location()).isEqualTo(root.toUri().toString());
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> dir.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
