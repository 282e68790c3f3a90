package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("SubjectConnection")
@Description("A page of subjects.")
public final class SubjectConnection extends Connection<SubjectNode, SubjectConnection.SubjectEdge> {

    SubjectConnection(Page<SubjectNode> page) {
        super(page, SubjectEdge::new);
    }

    @NonNull
    @Description("The subjects of this page, each with its cursor.")
    public List<@NonNull SubjectEdge> getEdges() {
        return edges();
    }

    @NonNull
    @Description("The subjects of this page, for when cursors are not needed.")
    public List<@NonNull SubjectNode> getNodes() {
        return nodes();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return pageInfo();
    }

    @NonNull
    @Description("How many subjects the whole list holds, across all pages.")
    public Integer getTotalCount() {
        return totalCount();
    }

    /** An edge of a {@link SubjectConnection}. */
    @Type("SubjectEdge")
    @Description("Edge of the SubjectConnection: one item and its cursor.")
    public record SubjectEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after` and `before`.") String cursor,
            @NonNull @Description("The item at the end of the edge.") SubjectNode node) {
    }
}
