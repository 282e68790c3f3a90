package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("DialoguePayload")
@Description("The dialogue as it stands after the write.")
public record DialoguePayload(
        @NonNull @Description("The dialogue created or changed, with its new `version`.") DialogueNode dialogue,
        @Description(EditorialArgs.CLIENT_MUTATION_ID_ECHO) String clientMutationId) {
}
