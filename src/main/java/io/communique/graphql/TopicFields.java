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

/** Fields of Topic that need the database, batched over every topic in the response. */
@GraphQLApi
public class TopicFields {

    private final GraphReader reader;
    private final Filters filters;

    public TopicFields(GraphReader reader, Filters filters) {
        this.reader = reader;
        this.filters = filters;
    }

    @NonNull
    @Description("Statements about this topic, in the order they were recorded (`orderBy: {field: DOCUMENT_ORDER}` for their order in the sources).")
    public List<@NonNull StatementConnection> statements(@Source List<TopicNode> topics,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) StatementFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) StatementOrder orderBy) {
        var request = PageRequest.of("Topic.statements", first, after, last, before, Orderings.of(orderBy),
                filters.statements(filter, "Topic.statements"));
        var pages = reader.pages(Relations.TOPIC_STATEMENTS, Batch.keys(topics, TopicNode::key), request);
        return Batch.connections(topics, TopicNode::key, pages, StatementNode::new,
                StatementConnection::new);
    }

    @NonNull
    @Description("Commitments about this topic.")
    public List<@NonNull CommitmentConnection> commitments(@Source List<TopicNode> topics,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) CommitmentFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) CommitmentOrder orderBy) {
        var request = PageRequest.of("Topic.commitments", first, after, last, before, Orderings.of(orderBy),
                filters.commitments(filter, "Topic.commitments"));
        var pages = reader.pages(Relations.TOPIC_COMMITMENTS, Batch.keys(topics, TopicNode::key), request);
        return Batch.connections(topics, TopicNode::key, pages, CommitmentNode::new,
                CommitmentConnection::new);
    }
}
