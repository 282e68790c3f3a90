package io.communique.graphql;

import io.communique.relay.PageInfo;
import io.communique.search.SearchPage;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("SearchResultConnection")
@Description("A page of search hits, best first.")
public final class SearchResultConnection {

    private final SearchPage page;
    private final List<SearchResultEdge> edges;
    private final boolean fuzzyMatchingAvailable;

    SearchResultConnection(SearchPage page, Function<Object, SearchResult> node, boolean fuzzyMatchingAvailable) {
        this.page = page;
        this.edges = page.hits().stream()
                .map(hit -> new SearchResultEdge(page.cursorOf(hit), node.apply(hit.entity()), hit.rank(), hit.snippet()))
                .toList();
        this.fuzzyMatchingAvailable = fuzzyMatchingAvailable;
    }

    @NonNull
    @Description("The hits of this page, each with its rank, snippet and cursor.")
    public List<@NonNull SearchResultEdge> getEdges() {
        return edges;
    }

    @NonNull
    @Description("The objects found on this page, for when ranks, snippets and cursors are not needed.")
    public List<@NonNull SearchResult> getNodes() {
        return edges.stream().map(SearchResultEdge::node).toList();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return new PageInfo(page.hasNextPage(), page.hasPreviousPage(),
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
    }

    @NonNull
    @Description("How many objects match the search, across all pages.")
    public Integer getTotalCount() {
        return page.totalCount() == null ? null : Math.toIntExact(page.totalCount());
    }

    @NonNull
    @Description("Whether this server matches misspelled names by trigram similarity (it needs PostgreSQL's pg_trgm"
            + " extension). Trigrams are a fallback: they apply when no official, topic or subject matches the query's"
            + " words, and never to a query with an exclusion. When false, names are found by their words and word"
            + " prefixes only.")
    public boolean getFuzzyMatchingAvailable() {
        return fuzzyMatchingAvailable;
    }

    /** An edge of a {@link SearchResultConnection}. */
    @Type("SearchResultEdge")
    @Description("Edge of the SearchResultConnection: one hit, how well it matched, and its cursor.")
    public record SearchResultEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after`. Valid only for the same query and types.") String cursor,
            @NonNull @Description("The object found.") SearchResult node,
            @Description("Relevance of the hit, between 0 and 1; higher is better. Comparable across types within one"
                    + " search, not across searches.") float rank,
            @NonNull @Description("The matched text, HTML-escaped (`&`, `<`, `>`), with every matched word wrapped in"
                    + " `<mark>` and `</mark>`; long texts are cut to the best passages, joined by ` … `.") String snippet) {
    }
}
