package io.communique.graphql;

import org.eclipse.microprofile.graphql.Name;
import io.communique.query.StatementOrder;
import io.communique.query.StatementFilter;
import io.communique.query.Orderings;
import io.communique.query.Filters;
import io.communique.relay.PageRequest;
import io.communique.service.GraphReader;
import io.communique.service.Relations;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/** Fields of Commitment and CommitmentStatusChange that need the database, batched per response. */
@GraphQLApi
public class CommitmentFields {

    private final GraphReader reader;
    private final Filters filters;

    public CommitmentFields(GraphReader reader, Filters filters) {
        this.reader = reader;
        this.filters = filters;
    }

    @NonNull
    @Description("The dialogue the commitment was made at.")
    public List<@NonNull DialogueNode> dialogue(@Source List<CommitmentNode> commitments) {
        var keys = Batch.keys(commitments, CommitmentNode::key);
        return Batch.singles(commitments, CommitmentNode::key, reader.all(Relations.COMMITMENT_DIALOGUE, keys),
                DialogueNode::new);
    }

    @NonNull
    @Description("The nations and organisations bound by the commitment, each with its role.")
    public List<@NonNull List<@NonNull CommitmentPartyView>> parties(@Source List<CommitmentNode> commitments) {
        var rows = reader.parties(Batch.keys(commitments, CommitmentNode::key));
        return Batch.lists(commitments, CommitmentNode::key, rows, row -> new CommitmentPartyView(row.role(),
                row.nation() != null ? new NationNode(row.nation()) : new SubjectNode(row.organization())));
    }

    @NonNull
    @Description("Dated assessments of the commitment's status, oldest first (by date, then in the order recorded); a correction follows the entry it corrects, whose place it takes. The last one is the current `status`.")
    public List<@NonNull List<@NonNull StatusChangeNode>> statusHistory(@Source List<CommitmentNode> commitments) {
        var history = reader.history(Batch.keys(commitments, CommitmentNode::key));
        // Append-only, so the history as it stood at an event's commit is today's without the entries
        // recorded later; filtering keeps the order, a correction's place included (it follows what it corrects).
        return commitments.stream()
                .map(c -> history.getOrDefault(c.key(), List.of()).stream().filter(c::shows).map(StatusChangeNode::new).toList())
                .toList();
    }

    @NonNull
    @Description("The topics the commitment is about.")
    public List<@NonNull List<@NonNull TopicNode>> topics(@Source List<CommitmentNode> commitments) {
        var keys = Batch.keys(commitments, CommitmentNode::key);
        return Batch.lists(commitments, CommitmentNode::key, reader.all(Relations.COMMITMENT_TOPICS, keys),
                TopicNode::new);
    }

    @NonNull
    @Description("Every statement that made or reaffirmed the commitment, in the order they were recorded (`orderBy: {field: DOCUMENT_ORDER}` for their order in the sources).")
    public List<@NonNull StatementConnection> statements(@Source List<CommitmentNode> commitments,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) StatementFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) StatementOrder orderBy) {
        var request = PageRequest.of("Commitment.statements", first, after, last, before, Orderings.of(orderBy),
                filters.statements(filter, "Commitment.statements"));
        var pages = reader.pages(Relations.COMMITMENT_STATEMENTS, Batch.keys(commitments, CommitmentNode::key), request);
        return Batch.connections(commitments, CommitmentNode::key, pages, StatementNode::new,
                StatementConnection::new);
    }

    @NonNull
    @Description("The officials who spoke a statement that made or reaffirmed the commitment.")
    public List<@NonNull List<@NonNull OfficialNode>> officials(@Source List<CommitmentNode> commitments) {
        var keys = Batch.keys(commitments, CommitmentNode::key);
        return Batch.lists(commitments, CommitmentNode::key, reader.all(Relations.COMMITMENT_OFFICIALS, keys),
                OfficialNode::new);
    }

    @NonNull
    @Description("Published sources that evidence this status.")
    public List<@NonNull List<@NonNull ExternalSourceView>> sources(@Source List<StatusChangeNode> changes) {
        var keys = Batch.keys(changes, StatusChangeNode::key);
        return Batch.lists(changes, StatusChangeNode::key, reader.all(Relations.STATUS_SOURCES, keys),
                s -> new ExternalSourceView(s.url, s.title, s.publisher, s.publishedOn));
    }

    @Description("The earlier entry this one corrects, if it is a correction.")
    public List<StatusChangeNode> corrects(@Source List<StatusChangeNode> changes) {
        var keys = Batch.keys(changes, StatusChangeNode::key);
        return Batch.singles(changes, StatusChangeNode::key, reader.all(Relations.STATUS_CORRECTS, keys),
                StatusChangeNode::new);
    }

    @Description("The statement that evidences this status, when there is one.")
    public List<StatementNode> evidence(@Source List<StatusChangeNode> changes) {
        var keys = Batch.keys(changes, StatusChangeNode::key);
        return Batch.singles(changes, StatusChangeNode::key, reader.all(Relations.STATUS_EVIDENCE, keys),
                StatementNode::new);
    }
}
