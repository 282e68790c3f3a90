package io.communique.graphql;

import io.communique.relay.PageRequest;
import io.communique.service.GraphReader;
import io.communique.service.Relations;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/** Fields of Subject that need the database, batched over every subject in the response. */
@GraphQLApi
public class SubjectFields {

    private final GraphReader reader;

    public SubjectFields(GraphReader reader) {
        this.reader = reader;
    }

    @NonNull
    @Description("Statements that mention this subject, in document order.")
    public List<@NonNull StatementConnection> statements(@Source List<SubjectNode> subjects,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        var request = PageRequest.of("Subject.statements", first, after, last, before);
        var pages = reader.pages(Relations.SUBJECT_STATEMENTS, Batch.keys(subjects, SubjectNode::key), request);
        return Batch.connections(subjects, SubjectNode::key, pages, StatementNode::new, StatementNode::key,
                StatementConnection::new);
    }
}
