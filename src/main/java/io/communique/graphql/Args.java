package io.communique.graphql;

import io.communique.relay.PageRequest;

/** Descriptions shared by every connection's paging arguments, so they read the same everywhere. */
final class Args {
    static final String FIRST = "Returns the first _n_ elements from the list (default "
            + PageRequest.DEFAULT_PAGE_SIZE + ", at most " + PageRequest.MAX_PAGE_SIZE + ").";
    static final String AFTER = "Returns the elements in the list that come after the specified cursor.";
    static final String LAST = "Returns the last _n_ elements from the list (at most " + PageRequest.MAX_PAGE_SIZE + ").";
    static final String BEFORE = "Returns the elements in the list that come before the specified cursor.";

    static final String FILTER = "Only the items matching this filter: every field given must match (AND).";
    static final String ORDER_BY = "How to order the items; by default in the order they were added (`CREATED`, ascending)."
            + " Every ordering ends with the item's id, so equal values keep a stable order. A cursor is valid only"
            + " under the ordering that issued it.";

    private Args() {
    }
}
