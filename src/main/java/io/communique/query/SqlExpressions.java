package io.communique.query;

/** SQL expressions shared by orderings and the V4 migration's indexes (which must repeat them verbatim). */
final class SqlExpressions {

    /** Lifecycle rank of a commitment's status, 1 (ANNOUNCED) to 6 (ABANDONED). */
    static final String STATUS_RANK = "array_position(array['ANNOUNCED', 'AGREED', 'IN_PROGRESS', 'DELIVERED',"
            + " 'STALLED', 'ABANDONED']::text[], c.status)";

    /**
     * A text column as it sorts: case-folded, then in code point order. An explicit collation
     * makes the order (and so every cursor) the same on the embedded and on any external database,
     * whatever locale each was initialised with.
     */
    static String folded(String column) {
        return "lower(" + column + ") collate \"C\"";
    }

    private SqlExpressions() {
    }
}
