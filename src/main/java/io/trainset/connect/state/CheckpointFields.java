package io.trainset.connect.state;

import static io.trainset.connect.state.PayloadCodec.string;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Fields of a checkpoint's own part that {@link CheckpointCodec} writes beside its numbers: writer, files, chunks. */
final class CheckpointFields {

    private CheckpointFields() {}

    static void writer(DataOutputStream out, OutputIdentity writer) throws IOException {
        string(out, writer.connector());
        out.writeInt(writer.inputs().size());
        for (String topic : writer.inputs()) {
            string(out, topic);
        }
    }

    static OutputIdentity writer(DataInputStream in) throws IOException {
        String connector = string(in);
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("a writer with " + count + " input topics");
        }
        List<String> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inputs.add(string(in));
        }
        return new OutputIdentity(connector, inputs);
    }

    static void files(DataOutputStream out, List<Checkpoint.File> files) throws IOException {
        out.writeInt(files.size());
        for (Checkpoint.File file : files) {
            string(out, file.key());
            string(out, file.staged());
            out.writeLong(file.rows());
        }
    }

    static List<Checkpoint.File> files(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Checkpoint.File> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            files.add(new Checkpoint.File(string(in), string(in), in.readLong()));
        }
        return files;
    }

    static EncodedJoin chunksNamed(DataInputStream in) throws IOException {
        return EncodedJoin.chunked(string(in), in.readInt());
    }
}
