package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("OfficialConnection")
@Description("A page of officials.")
public final class OfficialConnection extends Connection<OfficialNode, OfficialConnection.OfficialEdge> {

    OfficialConnection(Page<OfficialNode> page) {
        super(page, OfficialEdge::new);
    }

    @NonNull
    @Description("The officials of this page, each with its cursor.")
    public List<@NonNull OfficialEdge> getEdges() {
        return edges();
    }

    @NonNull
    @Description("The officials of this page, for when cursors are not needed.")
    public List<@NonNull OfficialNode> getNodes() {
        return nodes();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return pageInfo();
    }

    @NonNull
    @Description("How many officials the whole list holds, across all pages.")
    public Integer getTotalCount() {
        return totalCount();
    }

    /** An edge of a {@link OfficialConnection}. */
    @Type("OfficialEdge")
    @Description("Edge of the OfficialConnection: one item and its cursor.")
    public record OfficialEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after` and `before`.") String cursor,
            @NonNull @Description("The item at the end of the edge.") OfficialNode node) {
    }
}
