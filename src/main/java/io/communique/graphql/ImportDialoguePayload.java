package io.communique.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ImportDialoguePayload")
@Description("The result of an import: the dialogue as it now stands and how many rows the import created, updated or found unchanged.")
public record ImportDialoguePayload(
        @NonNull @Description("The imported dialogue.") DialogueNode dialogue,
        @NonNull @Description("Rows created (nations, topics, subjects, officials, the dialogue, documents, statements, commitments, status entries).") Integer created,
        @NonNull @Description("Rows that existed and were changed to match the document.") Integer updated,
        @NonNull @Description("Rows that already matched the document. A re-import of the same document reports only these.") Integer unchanged,
        @NonNull @Description("The same counts, by kind of row.") List<@NonNull ImportCount> counts,
        @Description("The `clientMutationId` of the input, if any.") String clientMutationId) {
}
