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

/** Fields of Subject that need the database, batched over every subject in the response. */
@GraphQLApi
public class SubjectFields {

    private final GraphReader reader;
    private final Filters filters;

    public SubjectFields(GraphReader reader, Filters filters) {
        this.reader = reader;
        this.filters = filters;
    }

    @NonNull
    @Description("Statements that mention this subject, in the order they were recorded (`orderBy: {field: DOCUMENT_ORDER}` for their order in the sources).")
    public List<@NonNull StatementConnection> statements(@Source List<SubjectNode> subjects,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) StatementFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) StatementOrder orderBy) {
        var request = PageRequest.of("Subject.statements", first, after, last, before, Orderings.of(orderBy),
                filters.statements(filter, "Subject.statements"));
        var pages = reader.pages(Relations.SUBJECT_STATEMENTS, Batch.keys(subjects, SubjectNode::key), request);
        return Batch.connections(subjects, SubjectNode::key, pages, StatementNode::new,
                StatementConnection::new);
    }
}
