package io.communique.relay;

import io.communique.errors.BadUserInputException;

/**
 * A validated Relay page request. Pages are keyset pages: {@code after}/{@code before} decode to
 * the sort key of a row under {@code sort}, and the page is read from there, never by OFFSET.
 *
 * @param size     rows wanted (1..{@value #MAX_PAGE_SIZE}, or 0)
 * @param backward true for {@code last}/{@code before} paging: the rows nearest the end (or before the cursor)
 * @param sort     the ordering of the list
 * @param after    exclusive lower bound in {@code sort} order, or null
 * @param before   exclusive upper bound in {@code sort} order, or null
 * @param filter   the rows to keep
 */
public record PageRequest(int size, boolean backward, SortKey sort, CursorKey after, CursorKey before,
        SqlFilter filter) {

    /** Rows a connection returns when neither {@code first} nor {@code last} is given. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** Largest {@code first} or {@code last} accepted, as on GitHub's API. */
    public static final int MAX_PAGE_SIZE = 100;

    /**
     * Validates Relay arguments of the connection at {@code path} (used in error messages, e.g.
     * {@code "officials"} or {@code "Official.statements"}); cursors must come from {@code sort}.
     */
    public static PageRequest of(String path, Integer first, String after, Integer last, String before,
            SortKey sort, SqlFilter filter) {
        if (first != null && last != null) {
            throw new BadUserInputException("Passing both 'first' and 'last' to paginate the '" + path
                    + "' connection is not supported.");
        }
        checkSize(path, "first", first);
        checkSize(path, "last", last);
        CursorKey afterKey = after == null ? null : Cursor.decode(after, sort, path, "after");
        CursorKey beforeKey = before == null ? null : Cursor.decode(before, sort, path, "before");
        boolean backward = last != null;
        int size = first != null ? first : last != null ? last : DEFAULT_PAGE_SIZE;
        return new PageRequest(size, backward, sort, afterKey, beforeKey, filter);
    }

    private static void checkSize(String path, String name, Integer value) {
        if (value == null) {
            return;
        }
        if (value < 0) {
            throw new BadUserInputException("Argument '" + name + "' on the '" + path
                    + "' connection must not be negative, got " + value + ".");
        }
        if (value > MAX_PAGE_SIZE) {
            throw new BadUserInputException("Argument '" + name + "' on the '" + path + "' connection is "
                    + value + ", which exceeds the limit of " + MAX_PAGE_SIZE + " records.");
        }
    }
}
