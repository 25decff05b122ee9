package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

    private static final List<Column> COLUMNS = List.of(
            new Column("flag", ColumnType.BOOLEAN),
            new Column("count", ColumnType.INT),
            new Column("amount", ColumnType.LONG),
            new Column("ratio", ColumnType.FLOAT),
            new Column("score", ColumnType.DOUBLE),
            new Column("title", ColumnType.STRING),
            new Column("blob", ColumnType.BYTES),
            new Column("price", ColumnType.decimal(10, 2)),
            new Column("tags", ColumnType.list(ColumnType.STRING)),
            new Column("missing", ColumnType.TIMESTAMP_MILLIS));

    static Event submitted(String key, long offset, String title) {
        Features features = new Features(
                COLUMNS,
                Arrays.asList(
                        true,
                        7,
                        1L << 40,
                        0.5f,
                        2.25,
                        title,
                        ByteBuffer.wrap(new byte[] {1, 2, 3}),
                        new BigDecimal("-12345.67"),
                        List.of("a", "ü"),
                        null),
                "customer-9");
        return new Event(Side.SUBMITTED, key, 1_000 + offset, new SourcePosition("issues", 3, offset), features);
    }

    private static Event resolved(String key, long offset) {
        Features extra = new Features(List.of(new Column("note", ColumnType.STRING)), List.of("done"));
        return new Event(
                Side.RESOLVED,
                key,
                2_000 + offset,
                new SourcePosition("resolutions", 3, offset),
                new Resolution("billing", extra));
    }

    static Checkpoint checkpoint() {
        JoinSnapshot join = new JoinSnapshot(
                900,
                Map.of(new InputPartition("issues", 3), 1_005L, new InputPartition("resolutions", 3), 2_010L),
                List.of(
                        new JoinSnapshot.KeySnapshot(
                                "A",
                                List.of(submitted("A", 1, "first"), submitted("A", 4, "edit")),
                                List.of(resolved("A", 2)),
                                List.of(new JoinSnapshot.Decided(10, 5, 20))),
                        new JoinSnapshot.KeySnapshot(
                                "B\u0000/é",
                                List.of(submitted("B\u0000/é", 5, "x".repeat(70_000))),
                                List.of(),
                                List.of()),
                        new JoinSnapshot.KeySnapshot(
                                "C",
                                List.of(),
                                List.of(new Event(
                                        Side.RESOLVED,
                                        "C",
                                        3,
                                        new SourcePosition("resolutions", 3, 9),
                                        "plain-payload")),
                                List.of())));
        return new Checkpoint(
                3,
                42,
                Map.of(new InputPartition("issues", 3), 6L, new InputPartition("resolutions", 3), 11L),
                join,
                List.of(new Checkpoint.File(
                        "split=train/label=billing/train-0003-00000042-0.parquet",
                        "_trainset/pending/unit-0003/000000000042-ab/split=train/label=billing/"
                                + "train-0003-00000042-0.parquet.pending",
                        17)));
    }

    @Test
    void everyValueKindEventAndFileSurvivesTheRoundTrip() throws IOException {
        Checkpoint checkpoint = checkpoint();

        Checkpoint decoded = CheckpointCodec.decode(CheckpointCodec.encode(checkpoint), "test");

        assertThat(decoded).isEqualTo(checkpoint);
        assertThat(decoded.rows()).isEqualTo(17);
        assertThat(decoded.join().heldCount()).isEqualTo(5);
    }

    @Test
    void equalCheckpointsHaveEqualBytesSoARetriedCreateRecognisesItsOwnObject() {
        assertThat(CheckpointCodec.encode(checkpoint())).isEqualTo(CheckpointCodec.encode(checkpoint()));
    }

    @Test
    void aDamagedCheckpointFailsWithItsNameAndTheWayOut() {
        byte[] bytes = CheckpointCodec.encode(checkpoint());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> CheckpointCodec.decode(truncated, "s3://b/p/_trainset/checkpoints/unit-0003/42.ckpt"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read checkpoint s3://b/p/_trainset/checkpoints/unit-0003/42.ckpt: ")
                .hasMessageContaining("delete the unit's checkpoints");
        assertThatThrownBy(() -> CheckpointCodec.decode("not gzip".getBytes(StandardCharsets.UTF_8), "x"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anUnknownPayloadTypeIsRefusedWithItsClass() {
        Event odd = new Event(Side.SUBMITTED, "K", 1, new SourcePosition("issues", 0, 0), new Object() {});
        Checkpoint checkpoint = new Checkpoint(
                0,
                1,
                Map.of(),
                new JoinSnapshot(
                        0, Map.of(), List.of(new JoinSnapshot.KeySnapshot("K", List.of(odd), List.of(), List.of()))),
                List.of());

        assertThatThrownBy(() -> CheckpointCodec.encode(checkpoint))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot checkpoint an event payload of type");
    }

    @Test
    void aDeltaKeepsItsBaseAndItsRemovedKeys() throws IOException {
        Checkpoint full = checkpoint();
        List<JoinSnapshot.KeySnapshot> changed =
                List.of(full.join().keys().get(0), JoinSnapshot.KeySnapshot.removed("D"));
        Checkpoint delta = new Checkpoint(
                3, 44, 42, full.nextOffsets(), new JoinSnapshot(950, full.join().inputMaxMs(), changed), full.files());

        Checkpoint decoded = CheckpointCodec.decode(CheckpointCodec.encode(delta), "test");

        assertThat(decoded).isEqualTo(delta);
        assertThat(decoded.isFull()).isFalse();
        assertThat(decoded.base()).isEqualTo(42);
        assertThat(decoded.join().keys().get(1).isEmpty()).as("a removed key").isTrue();
    }

    @Test
    void aCheckpointOfFormatOneWrittenByEarlierVersionsIsReadAsFull() throws IOException {
        // The bytes CheckpointCodec wrote for checkpoint() before deltas existed (format 1, no base).
        byte[] formatOne;
        try (var in = CheckpointCodecTest.class.getResourceAsStream("checkpoint-format1.ckpt")) {
            formatOne = in.readAllBytes();
        }

        Checkpoint decoded = CheckpointCodec.decode(formatOne, "format-1");

        assertThat(decoded).isEqualTo(checkpoint());
        assertThat(decoded.isFull()).isTrue();
    }

    @Test
    void aBaseAfterTheCheckpointIsRefused() {
        assertThatThrownBy(
                        () -> new Checkpoint(3, 42, 43, Map.of(), checkpoint().join(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Checkpoint 42 of unit 3 cannot build on checkpoint 43: a base is an earlier or the same "
                        + "checkpoint, from 1 on");
    }

    @Test
    void aCheckpointOfFormatTwoWrittenByEarlierVersionsIsStillRead() throws IOException {
        // The bytes CheckpointCodec wrote for checkpoint() before chunks existed (format 2, state inline).
        byte[] formatTwo;
        try (var in = CheckpointCodecTest.class.getResourceAsStream("checkpoint-format2.ckpt")) {
            formatTwo = in.readAllBytes();
        }

        assertThat(formatOf(formatTwo)).isEqualTo(2);
        assertThat(CheckpointCodec.decode(formatTwo, "format-2")).isEqualTo(checkpoint());
    }

    @Test
    void aStateEncodedInlineIsWrittenInFormatTwoAsBefore() throws IOException {
        Checkpoint checkpoint = checkpoint();
        EncodedJoin inline = EncodedJoin.inline(CheckpointCodec.encodeJoin(checkpoint.join()));

        byte[] bytes = CheckpointCodec.encode(checkpoint, inline);

        assertThat(bytes).isEqualTo(CheckpointCodec.encode(checkpoint));
        assertThat(formatOf(bytes)).isEqualTo(2);
        assertThat(CheckpointCodec.chunkPrefixOf(bytes, "test")).isEmpty();
    }

    @Test
    void aChunkedCheckpointNamesItsChunksInFormatThreeAndIsNotReadWithoutThem() throws IOException {
        Checkpoint checkpoint = checkpoint();
        EncodedJoin chunked = EncodedJoin.chunked("_trainset/checkpoints/unit-0003/000000000042-ab/", 2);

        byte[] bytes = CheckpointCodec.encode(checkpoint, chunked);

        assertThat(chunked.chunks())
                .containsExactly(
                        "_trainset/checkpoints/unit-0003/000000000042-ab/state-00000",
                        "_trainset/checkpoints/unit-0003/000000000042-ab/state-00001");
        assertThat(formatOf(bytes)).isEqualTo(3);
        assertThat(CheckpointCodec.chunkPrefixOf(bytes, "test"))
                .contains("_trainset/checkpoints/unit-0003/000000000042-ab/");
        assertThatThrownBy(() -> CheckpointCodec.decode(bytes, "c.ckpt"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read checkpoint c.ckpt: its join state is in 2 chunk objects, which "
                        + "only CheckpointStore reads.");
    }

    @Test
    void aCheckpointNamesTheConnectorThatWroteItInFormatsFourAndFive() throws IOException {
        OutputIdentity writer = new OutputIdentity("support-routing", List.of("resolutions", "issues"));
        Checkpoint checkpoint = checkpoint().writtenBy(writer);
        String prefix = "_trainset/checkpoints/unit-0003/000000000042-ab/";

        byte[] inline = CheckpointCodec.encode(checkpoint);
        byte[] chunked = CheckpointCodec.encode(checkpoint, EncodedJoin.chunked(prefix, 2));

        assertThat(formatOf(inline)).isEqualTo(4);
        assertThat(CheckpointCodec.decode(inline, "test")).isEqualTo(checkpoint);
        assertThat(CheckpointCodec.decode(inline, "test").writer())
                .contains(new OutputIdentity("support-routing", List.of("issues", "resolutions")));
        assertThat(CheckpointCodec.chunkPrefixOf(inline, "test")).isEmpty();
        assertThat(formatOf(chunked)).isEqualTo(5);
        assertThat(CheckpointCodec.chunkPrefixOf(chunked, "test")).contains(prefix);
        assertThat(CheckpointCodec.decode(CheckpointCodec.encode(checkpoint()), "test")
                        .writer())
                .isEmpty();
    }

    /** A payload as a spill to disk would hold it: a reference to where it lies. */
    private record Spilled(int index) {}

    @Test
    void thePayloadHooksSeeEveryPayloadInOrderOnItsWayInAndOut() throws IOException {
        Checkpoint checkpoint = checkpoint();
        List<Object> spill = new ArrayList<>();
        JoinSnapshot spilled = withPayloads(checkpoint.join(), payload -> {
            spill.add(payload);
            return new Spilled(spill.size() - 1);
        });
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();

        CheckpointCodec.encodeJoin(spilled, payload -> spill.get(((Spilled) payload).index()), encoded);
        List<Object> read = new ArrayList<>();
        Checkpoint decoded = CheckpointCodec.decode(
                CheckpointCodec.encode(checkpoint, encoded.toByteArray()),
                "test",
                keys -> {
                    throw new AssertionError("the state is inline");
                },
                payload -> {
                    read.add(payload);
                    return new Spilled(read.size() - 1);
                });

        assertThat(encoded.toByteArray())
                .as("the stored form is the unspilled state's")
                .isEqualTo(CheckpointCodec.encodeJoin(checkpoint.join()));
        assertThat(read).isEqualTo(spill).hasSize(5);
        assertThat(decoded.join()).isEqualTo(spilled);
    }

    @Test
    void aSpillThatCannotBeReadBackWhileAJoinStateIsEncodedKeepsItsOwnExceptionAndMessage() {
        SpillException gone = new SpillException(
                "Cannot read back a spilled submission from /spill: the spill directory (join.spill.dir) must stay",
                new IOException("gone"));
        UnaryOperator<Object> storedForm = payload -> {
            throw gone;
        };

        assertThatThrownBy(
                        () -> CheckpointCodec.encodeJoin(checkpoint().join(), storedForm, new ByteArrayOutputStream()))
                .isSameAs(gone);
    }

    @Test
    void aSpillThatFailsWhileACheckpointIsReadIsNotCalledADamagedCheckpoint() {
        byte[] bytes = CheckpointCodec.encode(checkpoint());
        SpillException full = new SpillException(
                "Cannot spill a waiting submission to /spill: disk full", new java.io.IOException("disk full"));

        assertThatThrownBy(() -> CheckpointCodec.decode(
                        bytes,
                        "test",
                        keys -> {
                            throw new AssertionError("the state is inline");
                        },
                        payload -> {
                            throw full;
                        }))
                .isSameAs(full);
    }

    static JoinSnapshot withPayloads(JoinSnapshot join, UnaryOperator<Object> payloads) {
        return new JoinSnapshot(
                join.unitWatermarkMs(),
                join.inputMaxMs(),
                join.keys().stream()
                        .map(k -> new JoinSnapshot.KeySnapshot(
                                k.key(),
                                withPayloads(k.versions(), payloads),
                                withPayloads(k.resolutions(), payloads),
                                k.decided()))
                        .toList());
    }

    private static List<Event> withPayloads(List<Event> events, UnaryOperator<Object> payloads) {
        return events.stream()
                .map(e -> new Event(e.side(), e.key(), e.timestampMs(), e.source(), payloads.apply(e.payload())))
                .toList();
    }

    /** The format number in a checkpoint's bytes. */
    private static int formatOf(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            in.readInt();
            return in.readInt();
        }
    }
}
