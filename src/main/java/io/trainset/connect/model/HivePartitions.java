package io.trainset.connect.model;

/**
 * Hive-style path levels ({@code name=value}) encoded the way Hive, Spark and pyarrow decode them:
 * the characters Hive escapes become {@code %XX}; null or empty becomes
 * {@code __HIVE_DEFAULT_PARTITION__}. No value can produce a '/' or leave its level.
 */
public final class HivePartitions {

    /** The value Hive, Spark and pyarrow read back as null. */
    public static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";

    private HivePartitions() {}

    /** One path level, e.g. {@code label=billing%2Fpayments}. */
    public static String level(String name, String value) {
        return name + "=" + escape(value);
    }

    /** The escaped form of a partition value. */
    public static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return NULL_VALUE;
        }
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (needsEscape(c)) {
                if (escaped == null) {
                    escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                escaped.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0;
    }
}
