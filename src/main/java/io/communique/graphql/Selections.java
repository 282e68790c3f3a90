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

    /** Highlighting is most of a search's cost after ranking, so it is done only for clients that select a snippet. */
    static boolean wantsSnippets(Context context) {
        return context.unwrap(DataFetchingEnvironment.class).getSelectionSet().contains("edges/snippet");
    }
}
