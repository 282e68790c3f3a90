package io.communique.relay;

import io.communique.errors.BadUserInputException;

/**
 * A validated Relay page request. Pages are keyset pages: {@code after}/{@code before} decode to
 * the sort key of a row, and the page is read from there, never by OFFSET.
 *
 * @param size     rows wanted (1..{@value #MAX_PAGE_SIZE}, or 0)
 * @param backward true for {@code last}/{@code before} paging: the rows nearest the end (or before the cursor)
 * @param after    exclusive lower bound on the sort key, or null
 * @param before   exclusive upper bound on the sort key, or null
 */
public record PageRequest(int size, boolean backward, Long after, Long before) {

    /** Rows a connection returns when neither {@code first} nor {@code last} is given. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** Largest {@code first} or {@code last} accepted, as on GitHub's API. */
    public static final int MAX_PAGE_SIZE = 100;

    /**
     * Validates Relay arguments of the connection at {@code path} (used in error messages, e.g.
     * {@code "officials"} or {@code "Official.statements"}).
     */
    public static PageRequest of(String path, Integer first, String after, Integer last, String before) {
        if (first != null && last != null) {
            throw new BadUserInputException("Passing both 'first' and 'last' to paginate the '" + path
                    + "' connection is not supported.");
        }
        checkSize(path, "first", first);
        checkSize(path, "last", last);
        Long afterKey = after == null ? null : Cursor.decode(after, path, "after");
        Long beforeKey = before == null ? null : Cursor.decode(before, path, "before");
        boolean backward = last != null;
        int size = first != null ? first : last != null ? last : DEFAULT_PAGE_SIZE;
        return new PageRequest(size, backward, afterKey, beforeKey);
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
