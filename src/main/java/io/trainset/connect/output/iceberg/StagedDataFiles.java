package io.trainset.connect.output.iceberg;

import io.trainset.connect.model.DatasetKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Iceberg output's data files are written: {@code data/unit-<N>/<sequence>-<token>/<file key>}, under the
 * table's data location ({@code write.data.path}). A file is written once and appended to the table where it lies;
 * until its commit's append it is in no snapshot, so no reader sees it: staging is just writing. The unit, sequence
 * and writer token in the key tell at recovery which files belong to commits that can never be published.
 */
final class StagedDataFiles {

    static final String DATA = "data/";

    private static final Pattern COMMIT = Pattern.compile("(\\d{8,})-([0-9a-zA-Z]+)");

    private StagedDataFiles() {}

    static String directory(int unit) {
        return DATA + "unit-" + DatasetKeys.unit(unit) + "/";
    }

    static String key(int unit, long sequence, String token, String fileKey) {
        return directory(unit) + String.format(Locale.ROOT, "%08d", sequence) + "-" + token + "/" + fileKey;
    }

    /** The writer token of a key this class made, empty for any other key. */
    static Optional<Commit> commitOf(String key) {
        String[] parts = key.split("/", 4);
        if (parts.length < 4 || !(parts[0] + "/").equals(DATA) || !parts[1].startsWith("unit-")) {
            return Optional.empty();
        }
        Matcher matcher = COMMIT.matcher(parts[2]);
        return matcher.matches()
                ? Optional.of(new Commit(Long.parseLong(matcher.group(1)), matcher.group(2)))
                : Optional.empty();
    }

    /** The keys of a unit's listing by commit (sequence and token); keys of any other shape are left out. */
    static Map<Commit, List<String>> byCommit(List<String> keys) {
        Map<Commit, List<String>> commits = new LinkedHashMap<>();
        for (String key : keys) {
            commitOf(key)
                    .ifPresent(c -> commits.computeIfAbsent(c, ignored -> new ArrayList<>())
                            .add(key));
        }
        return commits;
    }

    /** One writer instance's commit. */
    record Commit(long sequence, String token) {}
}
