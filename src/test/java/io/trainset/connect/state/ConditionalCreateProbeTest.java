package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.S3ObjectStore;
import io.trainset.connect.storage.S3Settings;
import io.trainset.connect.storage.StoreRetry;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check at a connector's start that the store honours conditional create, which exactly-once commits need. */
class ConditionalCreateProbeTest {

    @TempDir
    Path root;

    private static StoreRetry noRetry(ObjectStore store) {
        return new StoreRetry(store.location(), 0, Duration.ZERO, Duration.ZERO);
    }

    /** A store behind a server without If-None-Match support: every create writes, and says it created. */
    private static final class IgnoresTheCondition extends ForwardingObjectStore {

        private final boolean reportsSuccess;

        IgnoresTheCondition(ObjectStore delegate, boolean reportsSuccess) {
            super(delegate);
            this.reportsSuccess = reportsSuccess;
        }

        @Override
        public boolean createIfAbsent(String key, byte[] bytes) throws IOException {
            boolean existed = read(key).isPresent();
            try (ObjectOutput out = create(key)) {
                out.write(bytes);
                out.commit();
            }
            return reportsSuccess || !existed;
        }
    }

    @Test
    void aStoreThatIgnoresTheConditionFailsNamingTheStoreTheKeyWhyAndTheFix() throws IOException {
        ObjectStore store = new IgnoresTheCondition(new LocalObjectStore(root), true);

        assertThatThrownBy(() -> ConditionalCreateProbe.check(store, noRetry(store)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The object store " + store.location() + " (output.url) does not honour "
                        + "conditional create: creating the probe key " + store.location() + "_trainset/probe/")
                .hasMessageEndingWith(".probe twice with If-None-Match: *, the second replaced the object instead of "
                        + "failing. Exactly-once "
                        + "commits need it: each checkpoint is created only if absent, which fences a zombie task and "
                        + "keeps one chain of commits per join unit; without it two tasks could both commit a unit, "
                        + "and rows would be lost or written twice. Use a store that honours If-None-Match: * on "
                        + "PutObject (AWS S3, MinIO) or upgrade the S3-compatible server; for file://, a POSIX file "
                        + "system with hard links.");
        assertThat(listAll(store)).as("the probe object is deleted").isEmpty();
    }

    @Test
    void aStoreThatReplacesTheObjectWhileReportingAFailureFailsToo() throws IOException {
        ObjectStore store = new IgnoresTheCondition(new LocalObjectStore(root), false);

        assertThatThrownBy(() -> ConditionalCreateProbe.check(store, noRetry(store)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".probe twice with If-None-Match: *, the second reported a failure but replaced "
                        + "the object. Exactly-once commits need it");
    }

    @Test
    void aConnectorStartingOnSuchAStoreFailsBeforeClaimingTheLocation() throws IOException {
        ObjectStore store = new IgnoresTheCondition(new LocalObjectStore(root), true);

        assertThatThrownBy(() -> OutputClaim.claim(
                        store, new OutputIdentity("c", List.of("t")), noRetry(store), TestClock.atMillis(0), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not honour conditional create");
        assertThat(listAll(store)).isEmpty();
    }

    @Test
    void aConnectorRestartingOnALocationItClaimedProbesAgain() throws IOException {
        OutputIdentity identity = new OutputIdentity("c", List.of("t"));
        LocalObjectStore local = new LocalObjectStore(root);
        OutputClaim.claim(local, identity, noRetry(local), TestClock.atMillis(0), true);
        ObjectStore store = new IgnoresTheCondition(local, true);

        assertThatThrownBy(() -> OutputClaim.claim(store, identity, noRetry(store), TestClock.atMillis(0), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not honour conditional create");
        assertThat(listAll(store)).containsExactly(OutputOwner.KEY);
    }

    @Test
    void theLocalStoreAndTheInProcessS3ServerPassAndKeepNothing() throws Exception {
        ObjectStore local = new LocalObjectStore(root.resolve("local"));
        ConditionalCreateProbe.check(local, noRetry(local));
        assertThat(listAll(local)).isEmpty();

        try (S3ProxyServer server = S3ProxyServer.start(root.resolve("s3"))) {
            server.createBucket("datasets");
            ObjectStore s3 =
                    new S3ObjectStore(server.s3Client(), "datasets", "v1", S3Settings.MIN_PART_SIZE_BYTES, false);
            ConditionalCreateProbe.check(s3, noRetry(s3));
            assertThat(listAll(s3)).isEmpty();
        }
    }

    private static List<String> listAll(ObjectStore store) {
        try {
            return store.list("_trainset/");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
