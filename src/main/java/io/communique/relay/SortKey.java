package io.communique.relay;

import java.util.List;

/**
 * A keyset ordering of a list: sort columns on the child alias {@code c}, then {@code c.id} as the
 * tie-break that makes the order total and so the cursors stable. Every column sorts in the same
 * direction, so {@code (col..., c.id) > (:k...)} row comparisons walk one composite index forwards
 * or backwards.
 *
 * @param token      names the ordering inside cursors ({@code [a-z_]+}); a cursor is valid only
 *                   under the ordering that issued it
 * @param columns    the sort columns before the id; never null-valued (row comparisons skip nulls)
 * @param descending true for a descending ordering
 */
public record SortKey(String token, List<Column> columns, boolean descending) {

    /** Creation order (the primary key, ascending): every list's default, with the original cursors. */
    public static final SortKey BY_KEY = new SortKey("key", List.of(), false);

    public SortKey {
        if (!token.matches("[a-z_]+")) {
            throw new IllegalArgumentException("sort token must be [a-z_]+: " + token);
        }
        columns = List.copyOf(columns);
    }

    /** The same columns in the other direction; its token gets (or loses) a {@code _desc} suffix. */
    public SortKey reversed() {
        return new SortKey(descending ? token.substring(0, token.length() - "_desc".length()) : token + "_desc",
                columns, !descending);
    }

    public static SortKey ascending(String token, Column... columns) {
        return new SortKey(token, List.of(columns), false);
    }

    /** How a sort column's values travel in a cursor and come back as bind parameters. */
    public enum ColumnType {
        TEXT("text"), DATE("date"), INTEGER("bigint");

        final String sqlType;

        ColumnType(String sqlType) {
            this.sqlType = sqlType;
        }
    }

    /** One sort column: a SQL expression over the child alias {@code c} (trusted code, never user input). */
    public record Column(String sql, ColumnType type) {
        public static Column text(String sql) {
            return new Column(sql, ColumnType.TEXT);
        }

        public static Column date(String sql) {
            return new Column(sql, ColumnType.DATE);
        }

        public static Column integer(String sql) {
            return new Column(sql, ColumnType.INTEGER);
        }
    }
}
