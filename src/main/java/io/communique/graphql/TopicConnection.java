package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("TopicConnection")
@Description("A page of topics.")
public final class TopicConnection extends Connection<TopicNode, TopicConnection.TopicEdge> {

    TopicConnection(Page<TopicNode> page) {
        super(page, TopicEdge::new);
    }

    @NonNull
    @Description("The topics of this page, each with its cursor.")
    public List<@NonNull TopicEdge> getEdges() {
        return edges();
    }

    @NonNull
    @Description("The topics of this page, for when cursors are not needed.")
    public List<@NonNull TopicNode> getNodes() {
        return nodes();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return pageInfo();
    }

    @NonNull
    @Description("How many topics the whole list holds, across all pages.")
    public Integer getTotalCount() {
        return totalCount();
    }

    /** An edge of a {@link TopicConnection}. */
    @Type("TopicEdge")
    @Description("Edge of the TopicConnection: one item and its cursor.")
    public record TopicEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after` and `before`.") String cursor,
            @NonNull @Description("The item at the end of the edge.") TopicNode node) {
    }
}
