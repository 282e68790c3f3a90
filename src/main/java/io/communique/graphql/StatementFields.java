package io.communique.graphql;

import io.communique.errors.BadUserInputException;
import io.communique.model.SourceDocument;
import io.communique.service.GraphReader;
import io.communique.service.Relations;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/** Fields of Statement and SourceSpan that need the database, batched over every statement in the response. */
@GraphQLApi
public class StatementFields {

    static final int MAX_EXCERPT_CONTEXT = 1000;

    private final GraphReader reader;

    public StatementFields(GraphReader reader) {
        this.reader = reader;
    }

    @NonNull
    @Description("The dialogue the statement was made or reported at.")
    public List<@NonNull DialogueNode> dialogue(@Source List<StatementNode> statements) {
        var keys = Batch.keys(statements, StatementNode::key);
        return Batch.singles(statements, StatementNode::key, reader.all(Relations.STATEMENT_DIALOGUE, keys),
                DialogueNode::new);
    }

    @NonNull
    @Description("Where the statement stands in its source document.")
    public List<@NonNull SourceSpan> source(@Source List<StatementNode> statements) {
        return statements.stream().map(s -> new SourceSpan(s.entity().documentId, s.entity().spanStart,
                s.entity().spanEnd, s.entity().ordinal)).toList();
    }

    @NonNull
    @Description("The document the statement is taken from.")
    public List<@NonNull SourceDocumentNode> document(@Source List<SourceSpan> spans) {
        var documents = documents(spans);
        return spans.stream().map(span -> new SourceDocumentNode(documents.get(span.documentKey()))).toList();
    }

    @NonNull
    @Description("The officials the statement is attributed to; empty for a summary or a joint position.")
    public List<@NonNull List<@NonNull OfficialNode>> speakers(@Source List<StatementNode> statements) {
        return lists(statements, reader.all(Relations.STATEMENT_SPEAKERS, Batch.keys(statements, StatementNode::key)),
                OfficialNode::new);
    }

    @NonNull
    @Description("The nations the statement speaks for: both, for a joint position.")
    public List<@NonNull List<@NonNull NationNode>> nations(@Source List<StatementNode> statements) {
        return lists(statements, reader.all(Relations.STATEMENT_NATIONS, Batch.keys(statements, StatementNode::key)),
                NationNode::new);
    }

    @NonNull
    @Description("The topics the statement is about.")
    public List<@NonNull List<@NonNull TopicNode>> topics(@Source List<StatementNode> statements) {
        return lists(statements, reader.all(Relations.STATEMENT_TOPICS, Batch.keys(statements, StatementNode::key)),
                TopicNode::new);
    }

    @NonNull
    @Description("The countries, regions, organisations, companies, systems and events the statement mentions.")
    public List<@NonNull List<@NonNull SubjectNode>> subjects(@Source List<StatementNode> statements) {
        return lists(statements, reader.all(Relations.STATEMENT_SUBJECTS, Batch.keys(statements, StatementNode::key)),
                SubjectNode::new);
    }

    @NonNull
    @Description("The commitments this statement made or reaffirmed.")
    public List<@NonNull List<@NonNull CommitmentNode>> commitments(@Source List<StatementNode> statements) {
        return lists(statements,
                reader.all(Relations.STATEMENT_COMMITMENTS, Batch.keys(statements, StatementNode::key)),
                CommitmentNode::new);
    }

    @NonNull
    @Description("The document text at the span, widened by `context` characters on each side (clipped to the document).")
    public List<@NonNull String> excerpt(@Source List<SourceSpan> spans,
            @DefaultValue("0") @Description("Characters of surrounding text to include on each side, 0 to 1000.") int context) {
        if (context < 0 || context > MAX_EXCERPT_CONTEXT) {
            throw new BadUserInputException("Argument 'context' on 'SourceSpan.excerpt' must be between 0 and "
                    + MAX_EXCERPT_CONTEXT + ", got " + context + ".");
        }
        var documents = documents(spans);
        return spans.stream().map(span -> {
            String text = documents.get(span.documentKey()).content;
            int length = text.codePointCount(0, text.length());
            int from = Math.max(0, span.start() - context);
            int to = Math.min(length, span.end() + context);
            return text.substring(text.offsetByCodePoints(0, from), text.offsetByCodePoints(0, to));
        }).toList();
    }

    /** The spans' documents, each read once, in one statement. */
    private Map<Long, SourceDocument> documents(List<SourceSpan> spans) {
        var keys = spans.stream().map(SourceSpan::documentKey).distinct().toList();
        return reader.findAll(SourceDocument.class, keys).stream().collect(Collectors.toMap(d -> d.id, d -> d));
    }

    private static <E, N> List<List<N>> lists(List<StatementNode> statements, Map<Long, List<E>> rows,
            java.util.function.Function<E, N> node) {
        return Batch.lists(statements, StatementNode::key, rows, node);
    }
}
