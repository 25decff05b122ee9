package io.trainset.connect.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} must do, whatever holds the bytes: each implementation's test class implements this
 * interface and supplies a fresh, empty store per test.
 */
interface ObjectStoreContract {

    /** The store under test: empty at the start of each test. */
    ObjectStore store();

    @Test
    default void aConditionalCreateSucceedsOnceAndNeverReplaces() throws IOException {
        assertThat(store().createIfAbsent("_trainset/checkpoints/unit-0001/1.ckpt", "first".getBytes(UTF_8)))
                .isTrue();
        assertThat(store().createIfAbsent("_trainset/checkpoints/unit-0001/1.ckpt", "second".getBytes(UTF_8)))
                .isFalse();

        assertThat(text("_trainset/checkpoints/unit-0001/1.ckpt")).isEqualTo("first");
        assertThat(store().list("_trainset/")).containsExactly("_trainset/checkpoints/unit-0001/1.ckpt");
    }

    @Test
    default void aCopyReplacesItsTargetAndAMissingSourceFails() throws IOException {
        store().createIfAbsent("_trainset/pending/a.pending", "staged".getBytes(UTF_8));
        store().createIfAbsent("split=train/a.parquet", "old".getBytes(UTF_8));
        store().copy("_trainset/pending/a.pending", "split=train/a.parquet");

        assertThat(text("split=train/a.parquet")).isEqualTo("staged");
        assertThatThrownBy(() -> store().copy("_trainset/pending/missing.pending", "split=train/b.parquet"))
                .isInstanceOf(IOException.class);
        assertThat(store().read("split=train/b.parquet")).isEmpty();
    }

    @Test
    default void listReturnsSortedKeysUnderThePrefix() throws IOException {
        write("b/2.parquet", "2");
        write("a/1.parquet", "1");
        write("a/0.parquet", "0");
        write("ab.parquet", "x");
        write("c/d/e.parquet", "e");

        assertThat(store().list(""))
                .containsExactly("a/0.parquet", "a/1.parquet", "ab.parquet", "b/2.parquet", "c/d/e.parquet");
        assertThat(store().list("a")).containsExactly("a/0.parquet", "a/1.parquet", "ab.parquet");
        assertThat(store().list("a/")).containsExactly("a/0.parquet", "a/1.parquet");
        assertThat(store().list("c/d/e")).containsExactly("c/d/e.parquet");
        assertThat(store().list("missing/")).isEmpty();
    }

    @Test
    default void readOfAMissingKeyIsEmpty() throws IOException {
        assertThat(store().read("nothing/here.parquet")).isEmpty();
    }

    @Test
    default void deleteRemovesTheObjectAndIgnoresMissingKeys() throws IOException {
        write("gone.parquet", "x");

        store().delete("gone.parquet");
        store().delete("never-existed.parquet");

        assertThat(store().read("gone.parquet")).isEmpty();
        assertThat(store().list("")).isEmpty();
    }

    @Test
    default void committingAgainReplacesAnExistingObject() throws IOException {
        write("same.parquet", "first");
        write("same.parquet", "second");

        assertThat(text("same.parquet")).isEqualTo("second");
        assertThat(store().list("")).containsExactly("same.parquet");
    }

    /**
     * What a task's uploads lane does with {@code output.upload.threads} above 1: objects written on one thread are
     * committed (or closed without a commit) on several at once, in one directory; each appears whole, or not at all.
     */
    @Test
    default void objectsWrittenOnOneThreadCommitOnSeveralAtOnce() throws Exception {
        List<ObjectOutput> outputs = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            ObjectOutput output = store().create("_trainset/pending/unit-1/" + n + ".parquet");
            output.write(("file " + n).repeat(1000).getBytes(UTF_8));
            outputs.add(output);
        }
        ExecutorService uploads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> ends = uploads.invokeAll(IntStream.range(0, 8)
                    .mapToObj(n -> (Callable<Object>) () -> {
                        try (ObjectOutput output = outputs.get(n)) {
                            if (n != 5) {
                                output.commit();
                            }
                        }
                        return null;
                    })
                    .toList());
            for (Future<Object> end : ends) {
                end.get();
            }
        } finally {
            uploads.shutdown();
        }

        assertThat(store().list("_trainset/pending/unit-1/"))
                .containsExactlyElementsOf(IntStream.of(0, 1, 2, 3, 4, 6, 7)
                        .mapToObj(n -> "_trainset/pending/unit-1/" + n + ".parquet")
                        .toList());
        assertThat(text("_trainset/pending/unit-1/7.parquet")).isEqualTo("file 7".repeat(1000));
    }

    default void write(String key, String content) throws IOException {
        write(key, content.getBytes(UTF_8));
    }

    default void write(String key, byte[] data) throws IOException {
        write(store(), key, data);
    }

    static void write(ObjectStore target, String key, byte[] data) throws IOException {
        try (ObjectOutput output = target.create(key)) {
            output.write(data);
            output.commit();
        }
    }

    private String text(String key) throws IOException {
        return new String(store().read(key).orElseThrow(() -> new AssertionError("no object " + key)), UTF_8);
    }
}
