package io.trainset.connect.bench;

import io.trainset.connect.model.Event;
import io.trainset.connect.record.EventExtractor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SinkRecord → join event for a ~1 KB issue: from a Struct (schema'd converters), from a schemaless
 * map (JsonConverter), from the JSON bytes themselves (ByteArrayConverter, value.format=json: parse and
 * extract), and for scale what JsonConverter itself costs to make that map from bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExtractionBenchmark {

    private static final int RECORDS = 1024;

    private final SinkRecord[] maps = new SinkRecord[RECORDS];
    private final SinkRecord[] structs = new SinkRecord[RECORDS];
    private final SinkRecord[] resolutions = new SinkRecord[RECORDS];
    private final byte[][] issueBytes = new byte[RECORDS][];
    private final SinkRecord[] bytes = new SinkRecord[RECORDS];
    private final SinkRecord[] resolutionBytes = new SinkRecord[RECORDS];
    private EventExtractor extractor;
    private EventExtractor textExtractor;
    private EventExtractor jacksonTextExtractor;
    private JsonConverter converter;
    private int next;

    @Setup
    public void setUp() {
        converter = BenchInputs.schemaless();
        extractor = BenchInputs.extractor();
        textExtractor = BenchInputs.jsonTextExtractor();
        jacksonTextExtractor = BenchInputs.jsonTextExtractor(false);
        for (int i = 0; i < RECORDS; i++) {
            maps[i] = BenchInputs.mapIssue(converter, i);
            structs[i] = BenchInputs.structIssue(converter, i);
            resolutions[i] = BenchInputs.mapResolution(converter, i);
            issueBytes[i] = BenchTickets.bytes(BenchTickets.submittedJson(i));
            bytes[i] = BenchInputs.bytesIssue(i);
            resolutionBytes[i] = BenchInputs.bytesResolution(i);
        }
    }

    private int next() {
        next = (next + 1) & (RECORDS - 1);
        return next;
    }

    @Benchmark
    public Event issueFromStruct() {
        return extractor.extract(structs[next()]);
    }

    @Benchmark
    public Event issueFromMap() {
        return extractor.extract(maps[next()]);
    }

    @Benchmark
    public Event issueFromJsonBytes() {
        return textExtractor.extract(bytes[next()]);
    }

    @Benchmark
    public Event resolutionFromJsonBytes() {
        return textExtractor.extract(resolutionBytes[next()]);
    }

    /** {@link #issueFromJsonBytes} with Jackson reading the bytes, as before the scanner (issue 14, session 4). */
    @Benchmark
    public Event issueFromJsonBytesJackson() {
        return jacksonTextExtractor.extract(bytes[next()]);
    }

    @Benchmark
    public Event resolutionFromJsonBytesJackson() {
        return jacksonTextExtractor.extract(resolutionBytes[next()]);
    }

    @Benchmark
    public Event resolutionFromMap() {
        return extractor.extract(resolutions[next()]);
    }

    @Benchmark
    public Object jsonConverterSchemalessIssue() {
        return converter.toConnectData(BenchInputs.ISSUES, issueBytes[next()]).value();
    }
}
