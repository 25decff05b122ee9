package io.trainset.connect.it;

import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The rows of the data files under a prefix of a bucket, read through the S3 API as a reader does,
 * each file once: a published data file never changes (a roll-forward writes the same bytes), so
 * polling a growing dataset reads only the files that are new since the last look.
 */
final class PublishedRows implements ChaosOutput {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Map<String, List<ReadRow>> byFile = new TreeMap<>();

    PublishedRows(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** output.format=hive, the default: no key to add. */
    @Override
    public Map<String, String> overrides() {
        return Map.of();
    }

    /** Reads the data files published since the last call; returns every row read so far. */
    @Override
    public List<ReadRow> refresh() {
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            String key = object.key();
            if (key.endsWith(".parquet") && !byFile.containsKey(key)) {
                byFile.put(
                        key,
                        DatasetFiles.readObject(s3, bucket, key, key.substring(prefix.length()))
                                .rows());
            }
        }
        List<ReadRow> rows = new ArrayList<>();
        byFile.values().forEach(rows::addAll);
        return rows;
    }

    @Override
    public int files() {
        return byFile.size();
    }

    /** Hive-layout files keep no commit log: the rows, checked key by key, are what there is to check. */
    @Override
    public String checkCommits(CheckpointStore checkpoints, int units) {
        return "Hive layout: no commit log beside the files";
    }
}
