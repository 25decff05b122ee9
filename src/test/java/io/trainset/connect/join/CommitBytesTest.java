package io.trainset.connect.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.join.JoinInputs.Input;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinState;
import io.trainset.connect.model.Policies;
import io.trainset.connect.state.CheckpointCodec;
import io.trainset.connect.testing.Gen;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The join state's bytes in a checkpoint do not depend on how the commit reads the state: 300 generated inputs
 * (every late policy, early labels), each fed to a unit that commits every few events (a delta, and a full state
 * every fourth commit), the uncompressed bytes of every commit digested in order. The digest was taken with the
 * code before issue 14's session 5 (bc456b3: a {@code KeySnapshot} per key, then encoded), so old checkpoints and
 * new ones of the same join state are the same bytes; a twin unit fed the same events gives each commit's bytes
 * through {@link JoinSnapshot}s, which must be equal to those read in place.
 */
class CommitBytesTest {

    private static final int CASES = 300;
    /** SHA-256 of every commit's uncompressed join state, all cases in order, written by the code of bc456b3. */
    private static final String BEFORE_SESSION_5 = "c9ba7d60ecc364459e6e31f0072177cf76c3dd7bcb7d76554b092a81a30f188b";

    private static final Function<Gen, Input> INPUTS =
            JoinInputs.inputs(EnumSet.allOf(Policies.Late.class), EnumSet.allOf(Policies.Versions.class));

    @Test
    void theBytesOfEveryCommitAreThoseOfTheCodeBeforeAndTheSameReadInPlaceOrAsSnapshots() {
        MessageDigest digest = sha256();
        for (long seed = 1; seed <= CASES; seed++) {
            Input in = INPUTS.apply(new Gen(seed));
            JoinUnit inPlace = new JoinUnit(in.settings(), in.inputs(), JoinInputs.NOW, event -> 0);
            JoinUnit copied = new JoinUnit(in.settings(), in.inputs(), JoinInputs.NOW, event -> 0);
            List<Event> arrival = in.arrival();
            int commits = 0;
            for (int i = 0; i < arrival.size(); i++) {
                inPlace.accept(arrival.get(i), JoinInputs.NOW);
                copied.accept(arrival.get(i), JoinInputs.NOW);
                if (i % 3 == 2 || i == arrival.size() - 1) {
                    boolean full = ++commits % 4 == 0;
                    byte[] bytes = uncompressed(full ? inPlace.snapshotInPlace() : inPlace.takeChangesInPlace());
                    assertThat(bytes)
                            .as("seed %d, commit %d", seed, commits)
                            .isEqualTo(uncompressed(full ? copied.snapshot() : copied.takeChanges()));
                    digest.update(bytes);
                }
            }
            inPlace.expire(JoinInputs.NOW);
            digest.update(uncompressed(inPlace.takeChangesInPlace()));
        }
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(BEFORE_SESSION_5);
    }

    @Test
    void aStateReadInPlaceCannotBeReadOnceItsUnitWasDrivenAgain() {
        Input in = INPUTS.apply(new Gen(1));
        JoinUnit unit = new JoinUnit(in.settings(), in.inputs(), JoinInputs.NOW, event -> 0);
        unit.accept(Events.submitted("a", 1_000, 0), JoinInputs.NOW);
        JoinState changes = unit.takeChangesInPlace();
        assertThat(JoinSnapshot.of(changes).keys())
                .extracting(JoinSnapshot.KeySnapshot::key)
                .containsExactly("a");

        unit.expire(JoinInputs.NOW);

        assertThatThrownBy(() -> JoinSnapshot.of(changes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the unit is driven again");
    }

    /** The uncompressed join state of a commit, as its checkpoint holds it. */
    private static byte[] uncompressed(JoinState state) {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try {
            CheckpointCodec.encodeJoin(state, UnaryOperator.identity(), gzip);
            return new GZIPInputStream(new ByteArrayInputStream(gzip.toByteArray())).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
