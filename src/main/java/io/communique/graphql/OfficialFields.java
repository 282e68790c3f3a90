package io.communique.graphql;

import org.eclipse.microprofile.graphql.Name;
import io.communique.query.StatementOrder;
import io.communique.query.StatementFilter;
import io.communique.query.Orderings;
import io.communique.query.Filters;
import io.communique.query.CommitmentOrder;
import io.communique.query.CommitmentFilter;
import io.communique.relay.PageRequest;
import io.communique.service.GraphReader;
import io.communique.service.Relations;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/** Fields of Official that need the database, each batched over every official in the response. */
@GraphQLApi
public class OfficialFields {

    private final GraphReader reader;
    private final Filters filters;

    public OfficialFields(GraphReader reader, Filters filters) {
        this.reader = reader;
        this.filters = filters;
    }

    @NonNull
    @Description("The nation the official acts for.")
    public List<@NonNull NationNode> nation(@Source List<OfficialNode> officials) {
        var keys = Batch.keys(officials, OfficialNode::key);
        return Batch.singles(officials, OfficialNode::key, reader.all(Relations.OFFICIAL_NATION, keys), NationNode::new);
    }

    @NonNull
    @Description("Offices the official has held, oldest first.")
    public List<@NonNull List<@NonNull OfficeHeld>> offices(@Source List<OfficialNode> officials) {
        var keys = Batch.keys(officials, OfficialNode::key);
        return Batch.lists(officials, OfficialNode::key, reader.all(Relations.OFFICIAL_OFFICES, keys),
                o -> new OfficeHeld(o.title, o.startDate, o.endDate));
    }

    @NonNull
    @Description("Statements the official is a speaker of, in the order they were recorded (`orderBy: {field: DOCUMENT_ORDER}` for their order in the sources). Empty for an official the sources attribute nothing to.")
    public List<@NonNull StatementConnection> statements(@Source List<OfficialNode> officials,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) StatementFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) StatementOrder orderBy) {
        var request = PageRequest.of("Official.statements", first, after, last, before, Orderings.of(orderBy),
                filters.statements(filter, "Official.statements"));
        var pages = reader.pages(Relations.OFFICIAL_STATEMENTS, Batch.keys(officials, OfficialNode::key), request);
        return Batch.connections(officials, OfficialNode::key, pages, StatementNode::new,
                StatementConnection::new);
    }

    @NonNull
    @Description("Commitments made or reaffirmed by a statement the official spoke.")
    public List<@NonNull CommitmentConnection> commitments(@Source List<OfficialNode> officials,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) CommitmentFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) CommitmentOrder orderBy) {
        var request = PageRequest.of("Official.commitments", first, after, last, before, Orderings.of(orderBy),
                filters.commitments(filter, "Official.commitments"));
        var pages = reader.pages(Relations.OFFICIAL_COMMITMENTS, Batch.keys(officials, OfficialNode::key), request);
        return Batch.connections(officials, OfficialNode::key, pages, CommitmentNode::new,
                CommitmentConnection::new);
    }

    @NonNull
    @Description("The official's parts in dialogues.")
    public List<@NonNull List<@NonNull ParticipantView>> participations(@Source List<OfficialNode> officials) {
        var keys = Batch.keys(officials, OfficialNode::key);
        return Batch.lists(officials, OfficialNode::key, reader.all(Relations.OFFICIAL_PARTICIPATIONS, keys),
                ParticipantView::new);
    }
}
