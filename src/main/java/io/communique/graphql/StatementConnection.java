package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("StatementConnection")
@Description("A page of statements.")
public final class StatementConnection extends Connection<StatementNode, StatementConnection.StatementEdge> {

    StatementConnection(Page<StatementNode> page) {
        super(page, StatementEdge::new);
    }

    @NonNull
    @Description("The statements of this page, each with its cursor.")
    public List<@NonNull StatementEdge> getEdges() {
        return edges();
    }

    @NonNull
    @Description("The statements of this page, for when cursors are not needed.")
    public List<@NonNull StatementNode> getNodes() {
        return nodes();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return pageInfo();
    }

    @NonNull
    @Description("How many statements the whole list holds, across all pages.")
    public Integer getTotalCount() {
        return totalCount();
    }

    /** An edge of a {@link StatementConnection}. */
    @Type("StatementEdge")
    @Description("Edge of the StatementConnection: one item and its cursor.")
    public record StatementEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after` and `before`.") String cursor,
            @NonNull @Description("The item at the end of the edge.") StatementNode node) {
    }
}
