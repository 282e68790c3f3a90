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
        checkSize("the '" + path + "' connection", "first", first, "records");
        checkSize("the '" + path + "' connection", "last", last, "records");
        CursorKey afterKey = after == null ? null : Cursor.decode(after, sort, path, "after");
        CursorKey beforeKey = before == null ? null : Cursor.decode(before, sort, path, "before");
        boolean backward = last != null;
        int size = first != null ? first : last != null ? last : DEFAULT_PAGE_SIZE;
        return new PageRequest(size, backward, sort, afterKey, beforeKey, filter);
    }

    /**
     * Refuses a page size below 0 or above {@link #MAX_PAGE_SIZE}, in the words every paged field uses.
     *
     * @param where    where the argument was given: "the 'statements' connection"
     * @param argument the argument, {@code first} or {@code last}
     * @param items    what the page holds, for the message ("records", "changes")
     */
    public static void checkSize(String where, String argument, Integer value, String items) {
        if (value == null) {
            return;
        }
        if (value < 0) {
            throw new BadUserInputException("Argument '" + argument + "' on " + where + " must not be negative, got "
                    + value + ".");
        }
        if (value > MAX_PAGE_SIZE) {
            throw new BadUserInputException("Argument '" + argument + "' on " + where + " is " + value
                    + ", which exceeds the limit of " + MAX_PAGE_SIZE + " " + items + ".");
        }
    }
}
