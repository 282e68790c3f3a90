package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("SourceDocumentConnection")
@Description("A page of source documents.")
public final class SourceDocumentConnection extends Connection<SourceDocumentNode, SourceDocumentConnection.SourceDocumentEdge> {

    SourceDocumentConnection(Page<SourceDocumentNode> page) {
        super(page, SourceDocumentEdge::new);
    }

    @NonNull
    @Description("The source documents of this page, each with its cursor.")
    public List<@NonNull SourceDocumentEdge> getEdges() {
        return edges();
    }

    @NonNull
    @Description("The source documents of this page, for when cursors are not needed.")
    public List<@NonNull SourceDocumentNode> getNodes() {
        return nodes();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return pageInfo();
    }

    @NonNull
    @Description("How many source documents the whole list holds, across all pages.")
    public Integer getTotalCount() {
        return totalCount();
    }

    /** An edge of a {@link SourceDocumentConnection}. */
    @Type("SourceDocumentEdge")
    @Description("Edge of the SourceDocumentConnection: one item and its cursor.")
    public record SourceDocumentEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after` and `before`.") String cursor,
            @NonNull @Description("The item at the end of the edge.") SourceDocumentNode node) {
    }
}
