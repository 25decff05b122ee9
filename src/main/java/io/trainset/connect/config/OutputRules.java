package io.trainset.connect.config;

import static io.trainset.connect.config.OutputConfig.*;

import io.trainset.connect.dataset.FileLayout;
import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.LabelPathBound;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.SplitSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The rules across the Output group's keys ({@link OutputConfig}): a Parquet page no larger than a row group, room for
 * the label level in an object key under the output prefix, an inactivity interval below the rotation interval; each
 * violation reported on every key involved.
 */
public final class OutputRules {

    private OutputRules() {}

    /**
     * How long a label may be as a path level: what the longest key leaves of S3's 1,024 bytes (the
     * prefix of an s3:// output.url, the staging directories, the other levels and the file name), at
     * most a file name's 255 bytes.
     *
     * @throws IllegalArgumentException when the prefix leaves no room for a label level
     */
    public static LabelPathBound labelPathBound(URI url, LayoutSpec layout, List<String> splitNames) {
        String path = url.getPath() == null ? "" : url.getPath().replaceFirst("^/+", "");
        int prefix = "s3".equalsIgnoreCase(url.getScheme()) && !path.isEmpty()
                ? path.replaceFirst("/*$", "/").getBytes(StandardCharsets.UTF_8).length
                : 0;
        int staging = DatasetKeys.stagedKey(Integer.MAX_VALUE, Long.MAX_VALUE, "ffffffff", "")
                .length();
        return LabelPathBound.of(layout, prefix + staging + FileLayout.restOfKeyBytes(layout, splitNames));
    }

    /**
     * A page no larger than a row group; room for the label level under the output prefix; an inactivity interval
     * set explicitly below the rotation interval.
     */
    static void validate(Violations violations) {
        inactivityBelowRotation(violations);
        Object rowGroup = violations.parsedOrDefault(PARQUET_ROW_GROUP_BYTES);
        Object page = violations.parsedOrDefault(PARQUET_PAGE_BYTES);
        if (rowGroup instanceof Number r && page instanceof Number p && p.longValue() > r.longValue()) {
            violations.report(
                    "A Parquet page (" + p + " bytes) cannot be larger than a row group (" + r
                            + " bytes). Lower 'parquet.page.bytes' or raise 'parquet.row.group.bytes', e.g. 1048576 and "
                            + "67108864.",
                    PARQUET_PAGE_BYTES,
                    PARQUET_ROW_GROUP_BYTES);
        }
        keyShape(violations).ifPresent(shape -> {
            try {
                labelPathBound(shape.url(), shape.layout(), shape.splitNames());
            } catch (IllegalArgumentException e) {
                violations.report(
                        e.getMessage(), OUTPUT_URL, DatasetConfig.LAYOUT_PARTITIONS, DatasetConfig.SPLIT_RATIOS);
            }
        });
    }

    /**
     * An explicit rotate.inactivity.ms at or above rotate.interval.ms would never act (rotation comes first): a
     * mistake. Its default is not checked, so a short rotation interval alone (tests, demos) stays valid.
     */
    private static void inactivityBelowRotation(Violations violations) {
        if (violations.raw(ROTATE_INACTIVITY_MS, null) == null) {
            return;
        }
        Object inactivity = violations.parsedOrDefault(ROTATE_INACTIVITY_MS);
        Object rotation = violations.parsedOrDefault(ROTATE_INTERVAL_MS);
        if (inactivity instanceof Number i
                && rotation instanceof Number r
                && i.longValue() != 0
                && i.longValue() >= r.longValue()) {
            violations.report(
                    "'rotate.inactivity.ms' (" + i + ") must be below 'rotate.interval.ms' (" + r
                            + "), or 0 to turn it "
                            + "off: files rotate before they could be finished for inactivity. Lower "
                            + "'rotate.inactivity.ms' (e.g. 2000) or raise 'rotate.interval.ms'.",
                    ROTATE_INACTIVITY_MS,
                    ROTATE_INTERVAL_MS);
        }
    }

    /** What the longest object key depends on, from the raw keys; empty when one does not parse (reported per key). */
    private static Optional<KeyShape> keyShape(Violations violations) {
        Object url = violations.parsedOrDefault(OUTPUT_URL);
        Object levels = violations.parsedOrDefault(DatasetConfig.LAYOUT_PARTITIONS);
        Object ratios = violations.parsedOrDefault(DatasetConfig.SPLIT_RATIOS);
        if (url == null || levels == null || ratios == null) {
            return Optional.empty();
        }
        try {
            LayoutSpec layout = new LayoutSpec(DatasetConfig.levels(levels), ZoneId.of("UTC"), false);
            SplitSpec splits = new SplitSpec(SplitSpec.parseRatios(Validators.asList(ratios)), "", Optional.empty());
            return Optional.of(new KeyShape(URI.create(url.toString()), layout, splits.names()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record KeyShape(URI url, LayoutSpec layout, List<String> splitNames) {}
}
