package io.communique.graphql;

import io.communique.model.Commitment;
import io.communique.model.Dialogue;
import io.communique.model.Nation;
import io.communique.model.Official;
import io.communique.model.Statement;
import io.communique.model.Subject;
import io.communique.model.Topic;
import io.communique.relay.PageRequest;
import io.communique.relay.SortKey;
import io.communique.relay.SqlFilter;
import io.communique.search.SearchCursor;
import io.communique.search.SearchQuery;
import io.communique.search.SearchType;
import io.communique.search.TextSearch;
import io.smallrye.graphql.api.Context;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The root {@code search} field. Its own class, beside QueryApi, because its rules are its own. */
@GraphQLApi
public class SearchApi {

    private static final String FIELD = "search";

    private final TextSearch search;
    private final Context context;

    public SearchApi(TextSearch search, Context context) {
        this.search = search;
        this.context = context;
    }

    @Query(FIELD)
    @Description("Full-text search across statements, commitments, officials, topics, subjects, dialogues and nations, best"
            + " matches first. Web-search syntax: `\"quoted phrase\"`, `or`, `-excluded`; the last word also matches"
            + " as a prefix while it is being typed (`Jaish` finds Jaishankar). Officials are also found by other"
            + " spellings of their names and, where the server has pg_trgm, names by misspellings (see"
            + " `fuzzyMatchingAvailable`). A query of stop words or operators only finds nothing.")
    public @NonNull SearchResultConnection search(
            @NonNull @Name("query") @Description("What to search for, at most " + SearchQuery.MAX_LENGTH
                    + " characters; must not be blank.") String query,
            // The default is spelled out because SmallRye 2.17 makes a List<@NonNull X> argument without one
            // non-null (smallrye-graphql#753); with it the argument is optional, and the schema says what omitting means.
            @Name("types") @DefaultValue("[\"STATEMENT\", \"COMMITMENT\", \"OFFICIAL\", \"TOPIC\", \"SUBJECT\", \"DIALOGUE\", \"NATION\"]")
            @Description("Kinds of object to search (default: all of them); must not be empty.")
            List<@NonNull SearchType> types,
            @Name("first") @Description(Args.FIRST) Integer first,
            @Name("after") @Description(Args.AFTER) String after) {
        var parsed = SearchQuery.parse(query, "query");
        Set<SearchType> wanted = SearchType.parse(types, "types");
        var request = PageRequest.of(FIELD, first, null, null, null, SortKey.BY_KEY, SqlFilter.NONE);
        var cursor = after == null ? null : SearchCursor.decode(after, TextSearch.fingerprint(parsed, wanted), "after");
        boolean wantsTotal = Selections.wantsTotal(context);
        var page = search.search(parsed, wanted, request.size(), cursor, wantsTotal, Selections.wantsSnippets(context));
        return new SearchResultConnection(page, SearchApi::node, search.fuzzyMatchingAvailable());
    }

    private static SearchResult node(Object entity) {
        if (entity instanceof Statement s) {
            return new StatementNode(s);
        } else if (entity instanceof Commitment c) {
            return new CommitmentNode(c);
        } else if (entity instanceof Official o) {
            return new OfficialNode(o);
        } else if (entity instanceof Topic t) {
            return new TopicNode(t);
        } else if (entity instanceof Subject s) {
            return new SubjectNode(s);
        } else if (entity instanceof Dialogue d) {
            return new DialogueNode(d);
        } else if (entity instanceof Nation n) {
            return new NationNode(n);
        }
        throw new IllegalStateException("search returned an unsearchable entity: " + entity);
    }
}
