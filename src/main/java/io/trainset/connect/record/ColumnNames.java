package io.trainset.connect.record;

/**
 * Column names that every reader accepts: letters, digits and '_', not starting with a digit.
 * Nested paths are joined with '_'; any other character becomes '_'. A group's children are named
 * the same way.
 */
final class ColumnNames {

    private ColumnNames() {}

    static String of(FieldPath path) {
        return of(path.columnName());
    }

    /** The column (or child) name of one field name, or of path segments already joined with '_'. */
    static String of(String joined) {
        StringBuilder name = new StringBuilder(joined.length() + 1);
        if (joined.isEmpty() || Character.isDigit(joined.charAt(0))) {
            name.append('_');
        }
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            boolean plain = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            name.append(plain ? c : '_');
        }
        return name.toString();
    }
}
