package io.communique.graphql;

import io.communique.relay.PageRequest;
import io.communique.relay.SortKey;
import io.communique.relay.SqlFilter;
import io.communique.service.Access;
import io.communique.service.GraphReader;
import io.communique.service.Relations;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Context;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * The audit trail: every node's own history is public; the whole log, and who wrote each entry,
 * are for admins.
 */
@GraphQLApi
public class AuditApi {

    private final GraphReader reader;
    private final SecurityIdentity identity;
    private final Context context;

    public AuditApi(GraphReader reader, SecurityIdentity identity, Context context) {
        this.reader = reader;
        this.identity = identity;
        this.context = context;
    }

    @Query("auditLog")
    @Description("Every write to the record, oldest first (admin role).")
    public @NonNull AuditEntryConnection auditLog(
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        Access.require(identity, Access.ADMIN, "auditLog");
        var request = PageRequest.of("auditLog", first, after, last, before, SortKey.BY_KEY, SqlFilter.NONE);
        boolean wantsTotal = Selections.wantsTotal(context);
        return new AuditEntryConnection(reader.page(Relations.AUDIT_LOG, request, wantsTotal).map(AuditEntryView::new));
    }

    @NonNull
    @Description("Every write to this commitment, oldest first: what changed and when.")
    public List<@NonNull AuditEntryConnection> history(@Source List<CommitmentNode> commitments,
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before) {
        var request = PageRequest.of("Commitment.history", first, after, last, before, SortKey.BY_KEY, SqlFilter.NONE);
        var pages = reader.pages(Relations.COMMITMENT_AUDIT, Batch.keys(commitments, CommitmentNode::key), request);
        return Batch.connections(commitments, CommitmentNode::key, pages, AuditEntryView::new, AuditEntryConnection::new);
    }

    @Description("Who made the write: the principal of their token (admin role; others get `FORBIDDEN`).")
    public List<String> actor(@Source List<AuditEntryView> entries) {
        Access.require(identity, Access.ADMIN, "AuditEntry.actor");
        return entries.stream().map(AuditEntryView::actor).toList();
    }
}
