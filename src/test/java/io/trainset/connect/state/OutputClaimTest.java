package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import io.trainset.connect.testing.RecordingObjectStore;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One connector per output location (docs/guarantees.md): the claim made at start, and the restore that
 * refuses a checkpoint of another connector.
 */
class OutputClaimTest {

    private static final OutputIdentity FIRST = new OutputIdentity("support-routing", List.of("issues", "resolutions"));
    private static final OutputIdentity SECOND = new OutputIdentity("fraud", List.of("issues", "resolutions"));
    private static final int UNIT = 3;

    @TempDir
    Path root;

    private RecordingObjectStore store;
    private StoreRetry noRetry;
    private final TestClock clock = TestClock.atMillis(1_780_000_000_000L);

    @BeforeEach
    void openStore() throws IOException {
        store = new RecordingObjectStore(new LocalObjectStore(root));
        noRetry = new StoreRetry(store.location(), 0, Duration.ZERO, Duration.ZERO);
    }

    private OutputOwner claim(OutputIdentity identity) throws IOException {
        return OutputClaim.claim(store, identity, noRetry, clock, true);
    }

    private CheckpointStore checkpoints(Optional<OutputOwner> owner) {
        return new CheckpointStore(store, noRetry, CheckpointStore.CHUNK_BYTES, owner);
    }

    private static Checkpoint checkpoint(long sequence, long base) {
        JoinSnapshot join = new JoinSnapshot(
                900 + sequence,
                Map.of(new InputPartition("issues", UNIT), 1_000L),
                List.of(new JoinSnapshot.KeySnapshot(
                        "K" + sequence,
                        List.of(CheckpointCodecTest.submitted("K" + sequence, sequence, "title")),
                        List.of(),
                        List.of())));
        return new Checkpoint(
                UNIT, sequence, base, Map.of(new InputPartition("issues", UNIT), 10 * sequence), join, List.of());
    }

    @Test
    void aSecondConnectorOnTheLocationFailsNamingTheLocationTheOwnerAndTheFixAndWritesNothing() throws IOException {
        claim(FIRST);
        int written = store.written().size();
        List<String> objects = store.list("");

        assertThatThrownBy(() -> claim(SECOND))
                .isInstanceOf(OwnershipException.class)
                .hasMessage("The output location " + store.location() + " (output.url) belongs to connector "
                        + "'support-routing' reading [issues, resolutions] (claimed 2026-05-28T20:26:40Z in "
                        + store.location() + "_trainset/owner.json), not to this connector 'fraud' reading [issues, "
                        + "resolutions]. One location holds one connector's dataset: two connectors on it would "
                        + "restore each other's join state and fence each other's commits. To write a new dataset, "
                        + "give this connector an output.url of its own. To hand the location over (the connector "
                        + "was renamed, or its topics changed on purpose), stop connector 'support-routing', delete "
                        + store.location() + "_trainset/owner.json and restart this connector: it claims the location "
                        + "and adopts its checkpoints.");
        assertThat(store.written()).as("not even the probe").hasSize(written);
        assertThat(store.list("")).isEqualTo(objects);
    }

    @Test
    void theSameNameWithOtherInputTopicsIsAnotherConnector() throws IOException {
        claim(FIRST);

        assertThatThrownBy(() -> claim(new OutputIdentity("support-routing", List.of("issues", "resolutions-v2"))))
                .isInstanceOf(OwnershipException.class)
                .hasMessageContaining("belongs to connector 'support-routing' reading [issues, resolutions] (claimed ")
                .hasMessageContaining("not to this connector 'support-routing' reading [issues, resolutions-v2]");
    }

    @Test
    void theSameConnectorRestartedOrRecreatedFindsItsClaim() throws IOException {
        OutputOwner first = claim(FIRST);
        clock.advance(Duration.ofDays(1));

        OutputOwner again = claim(new OutputIdentity("support-routing", List.of("resolutions", "issues")));

        assertThat(again).isEqualTo(first);
        assertThat(store.list("_trainset/")).containsExactly(OutputOwner.KEY);
    }

    @Test
    void aClaimMadeMeanwhileByAnotherTaskIsConfirmedAndOneOfAnotherConnectorFails() throws IOException {
        OutputOwner other = new OutputOwner(SECOND, Map.of(), "2026-01-01T00:00:00Z");
        AtomicBoolean hidden = new AtomicBoolean(true);
        ObjectStore racing = new ForwardingObjectStore(store) {
            @Override
            public Optional<byte[]> read(String key) throws IOException {
                // The claim appears between this start's read and its create.
                return key.equals(OutputOwner.KEY) && hidden.getAndSet(false) ? Optional.empty() : super.read(key);
            }
        };
        store.createIfAbsent(OutputOwner.KEY, other.toJson());

        assertThatThrownBy(() -> OutputClaim.claim(racing, FIRST, noRetry, clock, false))
                .isInstanceOf(OwnershipException.class)
                .hasMessageContaining("belongs to connector 'fraud'");
        hidden.set(true);
        assertThat(OutputClaim.claim(racing, SECOND, noRetry, clock, false)).isEqualTo(other);
    }

    @Test
    void aLocationWrittenBeforeClaimsIsAdoptedAtTheFirstStartAndItsCheckpointsRestored() throws IOException {
        CheckpointStore before = checkpoints(Optional.empty());
        before.create(checkpoint(1, 1));
        before.create(checkpoint(2, 1));

        OutputOwner owner = claim(FIRST);
        CheckpointStore after = checkpoints(Optional.of(owner));
        Optional<Checkpoint> restored = after.newest(UNIT);
        after.create(checkpoint(3, 1));

        assertThat(owner.adopted()).isEqualTo(Map.of(UNIT, 2L));
        assertThat(restored).hasValueSatisfying(c -> {
            assertThat(c.sequence()).isEqualTo(2);
            assertThat(c.writer()).isEmpty();
        });
        assertThat(after.newest(UNIT))
                .hasValueSatisfying(c -> assertThat(c.writer()).contains(FIRST));
    }

    @Test
    void aRestoreRefusesACheckpointOfAnotherConnector() throws IOException {
        checkpoints(Optional.of(new OutputOwner(FIRST, Map.of(), "2026-01-01T00:00:00Z")))
                .create(checkpoint(1, 1));
        OutputOwner second = new OutputOwner(SECOND, Map.of(), "2026-02-01T00:00:00Z");

        assertThatThrownBy(() -> checkpoints(Optional.of(second)).newest(UNIT))
                .isInstanceOf(OwnershipException.class)
                .hasMessage("Checkpoint " + store.location() + "_trainset/checkpoints/unit-0003/000000000001.ckpt was "
                        + "written by connector 'support-routing' reading [issues, resolutions], but the output "
                        + "location " + store.location() + " (output.url) belongs to connector 'fraud' reading "
                        + "[issues, resolutions] (" + store.location() + "_trainset/owner.json, claimed "
                        + "2026-02-01T00:00:00Z). Another connector writes to this location, or did after it was "
                        + "claimed: nothing of it was restored. Stop the other connector and give each connector an "
                        + "output.url of its own.");
    }

    @Test
    void aLocationHandedOverAdoptsThePreviousConnectorsChainButNoLaterCheckpointOfIt() throws IOException {
        CheckpointStore first = checkpoints(Optional.of(claim(FIRST)));
        first.create(checkpoint(1, 1));
        first.create(checkpoint(2, 1));
        store.delete(OutputOwner.KEY);

        OutputOwner second = claim(SECOND);
        CheckpointStore adopting = checkpoints(Optional.of(second));
        Optional<Checkpoint> restored = adopting.newest(UNIT);
        first.create(checkpoint(3, 1));

        assertThat(second.adopted()).isEqualTo(Map.of(UNIT, 2L));
        assertThat(restored).hasValueSatisfying(c -> assertThat(c.sequence()).isEqualTo(2));
        assertThatThrownBy(() -> adopting.newest(UNIT))
                .isInstanceOf(OwnershipException.class)
                .hasMessageContaining("000000000003.ckpt was written by connector 'support-routing'")
                .hasMessageContaining("claimed 2026-05-28T20:26:40Z, adopting the checkpoints of unit 3 up to 2)");
    }

    @Test
    void aDamagedClaimFailsNamingItAndTheWayOut() throws IOException {
        store.createIfAbsent(OutputOwner.KEY, "{\"connector\": 7}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> claim(FIRST))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read the claim " + store.location() + "_trainset/owner.json of the "
                        + "output location: not a claim of format 1 with a connector.");
    }
}
