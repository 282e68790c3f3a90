package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommitmentConnection")
@Description("A page of commitments.")
public final class CommitmentConnection extends Connection<CommitmentNode, CommitmentConnection.CommitmentEdge> {

    CommitmentConnection(Page<CommitmentNode> page) {
        super(page, CommitmentEdge::new);
    }

    @NonNull
    @Description("The commitments of this page, each with its cursor.")
    public List<@NonNull CommitmentEdge> getEdges() {
        return edges();
    }

    @NonNull
    @Description("The commitments of this page, for when cursors are not needed.")
    public List<@NonNull CommitmentNode> getNodes() {
        return nodes();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return pageInfo();
    }

    @NonNull
    @Description("How many commitments the whole list holds, across all pages.")
    public Integer getTotalCount() {
        return totalCount();
    }

    /** An edge of a {@link CommitmentConnection}. */
    @Type("CommitmentEdge")
    @Description("Edge of the CommitmentConnection: one item and its cursor.")
    public record CommitmentEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after` and `before`.") String cursor,
            @NonNull @Description("The item at the end of the edge.") CommitmentNode node) {
    }
}
