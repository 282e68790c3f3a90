package io.communique.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

/** What the client selected under the field being resolved. */
final class Selections {

    private Selections() {
    }

    /** Counting a root list reads all of it, so it is done only for clients that select {@code totalCount}. */
    static boolean wantsTotal(Context context) {
        return context.unwrap(DataFetchingEnvironment.class).getSelectionSet().contains("totalCount");
    }

    /**
     * Highlighting a page of hits takes about a tenth of a search's database time (benchmark data), so
     * it is done only for clients that select a snippet.
     */
    static boolean wantsSnippets(Context context) {
        return context.unwrap(DataFetchingEnvironment.class).getSelectionSet().contains("edges/snippet");
    }
}
