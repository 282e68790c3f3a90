package io.communique.search;

import java.util.List;

/**
 * A page of ranked hits.
 *
 * @param fingerprint identifies the search (query and types) in its cursors
 * @param totalCount  all hits across pages, or null when not asked for
 */
public record SearchPage(List<SearchHit> hits, String fingerprint, boolean hasNextPage, boolean hasPreviousPage,
        Long totalCount) {

    public String cursorOf(SearchHit hit) {
        return hit.cursor().encode(fingerprint);
    }
}
