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

/** Fields of Dialogue and DialogueParticipant that need the database, batched per response. */
@GraphQLApi
public class DialogueFields {

    private final GraphReader reader;
    private final Filters filters;

    public DialogueFields(GraphReader reader, Filters filters) {
        this.reader = reader;
        this.filters = filters;
    }

    @NonNull
    @Description("The nations taking part.")
    public List<@NonNull List<@NonNull NationNode>> nations(@Source List<DialogueNode> dialogues) {
        var keys = Batch.keys(dialogues, DialogueNode::key);
        return Batch.lists(dialogues, DialogueNode::key, reader.all(Relations.DIALOGUE_NATIONS, keys), NationNode::new);
    }

    @NonNull
    @Description("The officials taking part, each with their role.")
    public List<@NonNull List<@NonNull ParticipantView>> participants(@Source List<DialogueNode> dialogues) {
        var keys = Batch.keys(dialogues, DialogueNode::key);
        return Batch.lists(dialogues, DialogueNode::key, reader.all(Relations.DIALOGUE_PARTICIPANTS, keys),
                ParticipantView::new);
    }

    @NonNull
    @Description("Statements made or reported at this dialogue, in the order they were recorded (`orderBy: {field: DOCUMENT_ORDER}` for their order in the sources).")
    public List<@NonNull StatementConnection> statements(@Source List<DialogueNode> dialogues,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) StatementFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) StatementOrder orderBy) {
        var request = PageRequest.of("Dialogue.statements", first, after, last, before, Orderings.of(orderBy),
                filters.statements(filter, "Dialogue.statements"));
        var pages = reader.pages(Relations.DIALOGUE_STATEMENTS, Batch.keys(dialogues, DialogueNode::key), request);
        return Batch.connections(dialogues, DialogueNode::key, pages, StatementNode::new,
                StatementConnection::new);
    }

    @NonNull
    @Description("Commitments made at this dialogue.")
    public List<@NonNull CommitmentConnection> commitments(@Source List<DialogueNode> dialogues,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) CommitmentFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) CommitmentOrder orderBy) {
        var request = PageRequest.of("Dialogue.commitments", first, after, last, before, Orderings.of(orderBy),
                filters.commitments(filter, "Dialogue.commitments"));
        var pages = reader.pages(Relations.DIALOGUE_COMMITMENTS, Batch.keys(dialogues, DialogueNode::key), request);
        return Batch.connections(dialogues, DialogueNode::key, pages, CommitmentNode::new,
                CommitmentConnection::new);
    }

    @NonNull
    @Description("The official.")
    public List<@NonNull OfficialNode> official(@Source List<ParticipantView> participants) {
        var keys = Batch.keys(participants, ParticipantView::key);
        return Batch.singles(participants, ParticipantView::key, reader.all(Relations.PARTICIPANT_OFFICIAL, keys),
                OfficialNode::new);
    }

    @NonNull
    @Description("The dialogue.")
    public List<@NonNull DialogueNode> dialogue(@Source List<ParticipantView> participants) {
        var keys = Batch.keys(participants, ParticipantView::key);
        return Batch.singles(participants, ParticipantView::key, reader.all(Relations.PARTICIPANT_DIALOGUE, keys),
                DialogueNode::new);
    }
}
