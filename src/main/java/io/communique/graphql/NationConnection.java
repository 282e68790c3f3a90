package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("NationConnection")
@Description("A page of nations.")
public final class NationConnection extends Connection<NationNode, NationConnection.NationEdge> {

    NationConnection(Page<NationNode> page) {
        super(page, NationEdge::new);
    }

    @NonNull
    @Description("The nations of this page, each with its cursor.")
    public List<@NonNull NationEdge> getEdges() {
        return edges();
    }

    @NonNull
    @Description("The nations of this page, for when cursors are not needed.")
    public List<@NonNull NationNode> getNodes() {
        return nodes();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return pageInfo();
    }

    @NonNull
    @Description("How many nations the whole list holds, across all pages.")
    public Integer getTotalCount() {
        return totalCount();
    }

    /** An edge of a {@link NationConnection}. */
    @Type("NationEdge")
    @Description("Edge of the NationConnection: one item and its cursor.")
    public record NationEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after` and `before`.") String cursor,
            @NonNull @Description("The item at the end of the edge.") NationNode node) {
    }
}
