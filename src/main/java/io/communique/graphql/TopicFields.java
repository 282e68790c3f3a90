package io.communique.graphql;

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

    public TopicFields(GraphReader reader) {
        this.reader = reader;
    }

    @NonNull
    @Description("Statements about this topic, in document order.")
    public List<@NonNull StatementConnection> statements(@Source List<TopicNode> topics,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        var request = PageRequest.of("Topic.statements", first, after, last, before);
        var pages = reader.pages(Relations.TOPIC_STATEMENTS, Batch.keys(topics, TopicNode::key), request);
        return Batch.connections(topics, TopicNode::key, pages, StatementNode::new, StatementNode::key,
                StatementConnection::new);
    }

    @NonNull
    @Description("Commitments about this topic.")
    public List<@NonNull CommitmentConnection> commitments(@Source List<TopicNode> topics,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        var request = PageRequest.of("Topic.commitments", first, after, last, before);
        var pages = reader.pages(Relations.TOPIC_COMMITMENTS, Batch.keys(topics, TopicNode::key), request);
        return Batch.connections(topics, TopicNode::key, pages, CommitmentNode::new, CommitmentNode::key,
                CommitmentConnection::new);
    }
}
