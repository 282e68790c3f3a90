package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("DialogueConnection")
@Description("A page of dialogues.")
public final class DialogueConnection extends Connection<DialogueNode, DialogueConnection.DialogueEdge> {

    DialogueConnection(Page<DialogueNode> page) {
        super(page, DialogueEdge::new);
    }

    @NonNull
    @Description("The dialogues of this page, each with its cursor.")
    public List<@NonNull DialogueEdge> getEdges() {
        return edges();
    }

    @NonNull
    @Description("The dialogues of this page, for when cursors are not needed.")
    public List<@NonNull DialogueNode> getNodes() {
        return nodes();
    }

    @NonNull
    @Description("Information to aid in pagination.")
    public PageInfo getPageInfo() {
        return pageInfo();
    }

    @NonNull
    @Description("How many dialogues the whole list holds, across all pages.")
    public Integer getTotalCount() {
        return totalCount();
    }

    /** An edge of a {@link DialogueConnection}. */
    @Type("DialogueEdge")
    @Description("Edge of the DialogueConnection: one item and its cursor.")
    public record DialogueEdge(
            @NonNull @Description("Opaque cursor of this edge, for `after` and `before`.") String cursor,
            @NonNull @Description("The item at the end of the edge.") DialogueNode node) {
    }
}
