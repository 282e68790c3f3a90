package io.communique.graphql;

import org.eclipse.microprofile.graphql.Name;
import io.communique.query.CommitmentFilter;
import io.communique.query.CommitmentOrder;
import io.communique.query.Orderings;
import io.communique.query.OfficialOrder;
import io.communique.query.OfficialFilter;
import io.communique.query.StatementFilter;
import io.communique.query.StatementOrder;
import io.communique.query.Filters;
import io.communique.relay.PageRequest;
import io.communique.service.GraphReader;
import io.communique.service.Relations;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/** Fields of Nation that need the database, batched over every nation in the response. */
@GraphQLApi
public class NationFields {

    private final GraphReader reader;
    private final Filters filters;

    public NationFields(GraphReader reader, Filters filters) {
        this.reader = reader;
        this.filters = filters;
    }

    @NonNull
    @Description("Officials who act for this nation.")
    public List<@NonNull OfficialConnection> officials(@Source List<NationNode> nations,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) OfficialFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) OfficialOrder orderBy) {
        var request = PageRequest.of("Nation.officials", first, after, last, before, Orderings.of(orderBy),
                filters.officials(filter, "Nation.officials"));
        var pages = reader.pages(Relations.NATION_OFFICIALS, Batch.keys(nations, NationNode::key), request);
        return Batch.connections(nations, NationNode::key, pages, OfficialNode::new,
                OfficialConnection::new);
    }

    @NonNull
    @Description("Statements that speak for this nation (those whose `nations` include it).")
    public List<@NonNull StatementConnection> statements(@Source List<NationNode> nations,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) StatementFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) StatementOrder orderBy) {
        var request = PageRequest.of("Nation.statements", first, after, last, before, Orderings.of(orderBy),
                filters.statements(filter, "Nation.statements"));
        var pages = reader.pages(Relations.NATION_STATEMENTS, Batch.keys(nations, NationNode::key), request);
        return Batch.connections(nations, NationNode::key, pages, StatementNode::new,
                StatementConnection::new);
    }

    @NonNull
    @Description("Commitments that bind this nation as a party (those whose `parties` include it), whatever its role.")
    public List<@NonNull CommitmentConnection> commitments(@Source List<NationNode> nations,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) CommitmentFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) CommitmentOrder orderBy) {
        var request = PageRequest.of("Nation.commitments", first, after, last, before, Orderings.of(orderBy),
                filters.commitments(filter, "Nation.commitments"));
        var pages = reader.pages(Relations.NATION_COMMITMENTS, Batch.keys(nations, NationNode::key), request);
        return Batch.connections(nations, NationNode::key, pages, CommitmentNode::new,
                CommitmentConnection::new);
    }
}
