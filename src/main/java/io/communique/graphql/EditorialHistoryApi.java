package io.communique.graphql;

import io.communique.model.AuditEntry;
import io.communique.relay.PageRequest;
import io.communique.relay.Relation;
import io.communique.relay.SortKey;
import io.communique.relay.SqlFilter;
import io.communique.service.GraphReader;
import java.util.List;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * The audit trail of every node an editor can write, as {@code Commitment.history} is for
 * commitments: public, oldest first, batched over every node of the response. Who wrote stays
 * admin-only ({@code AuditEntry.actor}).
 */
@GraphQLApi
public class EditorialHistoryApi {

    private static final String DESCRIPTION = "Every write to this node, oldest first: which mutation, when, and its values before and after.";

    private final GraphReader reader;

    public EditorialHistoryApi(GraphReader reader) {
        this.reader = reader;
    }

    private static Relation<AuditEntry> trail(String nodeType) {
        return Relation.nested(AuditEntry.class, "(select * from audit_entry where node_type = '" + nodeType + "') c", "c.node_key");
    }

    private static final Relation<AuditEntry> DIALOGUE = trail(DialogueNode.TYPE);
    private static final Relation<AuditEntry> OFFICIAL = trail(OfficialNode.TYPE);
    private static final Relation<AuditEntry> SOURCE_DOCUMENT = trail(SourceDocumentNode.TYPE);
    private static final Relation<AuditEntry> STATEMENT = trail(StatementNode.TYPE);
    // Nations, topics and subjects are written by importDialogue only, but their trail is as public.
    private static final Relation<AuditEntry> NATION = trail(NationNode.TYPE);
    private static final Relation<AuditEntry> TOPIC = trail(TopicNode.TYPE);
    private static final Relation<AuditEntry> SUBJECT = trail(SubjectNode.TYPE);

    @Name("history")
    @NonNull
    @Description(DESCRIPTION)
    public List<@NonNull AuditEntryConnection> dialogueHistory(@Source List<DialogueNode> dialogues,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        return history(DIALOGUE, "Dialogue.history", dialogues, DialogueNode::key, first, after, last, before);
    }

    @Name("history")
    @NonNull
    @Description(DESCRIPTION)
    public List<@NonNull AuditEntryConnection> officialHistory(@Source List<OfficialNode> officials,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        return history(OFFICIAL, "Official.history", officials, OfficialNode::key, first, after, last, before);
    }

    @Name("history")
    @NonNull
    @Description(DESCRIPTION)
    public List<@NonNull AuditEntryConnection> sourceDocumentHistory(@Source List<SourceDocumentNode> documents,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        return history(SOURCE_DOCUMENT, "SourceDocument.history", documents, SourceDocumentNode::key, first, after, last, before);
    }

    @Name("history")
    @NonNull
    @Description(DESCRIPTION)
    public List<@NonNull AuditEntryConnection> statementHistory(@Source List<StatementNode> statements,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        return history(STATEMENT, "Statement.history", statements, StatementNode::key, first, after, last, before);
    }

    @Name("history")
    @NonNull
    @Description(DESCRIPTION)
    public List<@NonNull AuditEntryConnection> nationHistory(@Source List<NationNode> nations,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        return history(NATION, "Nation.history", nations, NationNode::key, first, after, last, before);
    }

    @Name("history")
    @NonNull
    @Description(DESCRIPTION)
    public List<@NonNull AuditEntryConnection> topicHistory(@Source List<TopicNode> topics,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        return history(TOPIC, "Topic.history", topics, TopicNode::key, first, after, last, before);
    }

    @Name("history")
    @NonNull
    @Description(DESCRIPTION)
    public List<@NonNull AuditEntryConnection> subjectHistory(@Source List<SubjectNode> subjects,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        return history(SUBJECT, "Subject.history", subjects, SubjectNode::key, first, after, last, before);
    }

    private <N> List<AuditEntryConnection> history(Relation<AuditEntry> trail, String field, List<N> nodes, ToLongFunction<N> key,
            Integer first, String after, Integer last, String before) {
        var request = PageRequest.of(field, first, after, last, before, SortKey.BY_KEY, SqlFilter.NONE);
        var pages = reader.pages(trail, Batch.keys(nodes, key::applyAsLong), request);
        return Batch.connections(nodes, key::applyAsLong, pages, AuditEntryView::new, AuditEntryConnection::new);
    }
}
