package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AuditEntryConnection")
@Description("A page of audit entries.")
public final class AuditEntryConnection extends Connection<AuditEntryView, AuditEntryConnection.AuditEntryEdge> {

    AuditEntryConnection(Page<AuditEntryView> page) {
        super(page, AuditEntryEdge::new);
    }

    @NonNull
    @Description("The audit entries of this page, each with its cursor.")
    public List<@NonNull AuditEntryEdge> getEdges() {
        return edges();
    }

    @NonNull
    @Description("The audit entries of this page, for when cursors are not needed.")
    public List<@NonNull AuditEntryView> getNodes() {
        return nodes();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return pageInfo();
    }

    @NonNull
    @Description("How many audit entries the whole list holds, across all pages.")
    public Integer getTotalCount() {
        return totalCount();
    }

    /** An edge of a {@link AuditEntryConnection}. */
    @Type("AuditEntryEdge")
    @Description("Edge of the AuditEntryConnection: one item and its cursor.")
    public record AuditEntryEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after` and `before`.") String cursor,
            @NonNull @Description("The item at the end of the edge.") AuditEntryView node) {
    }
}
