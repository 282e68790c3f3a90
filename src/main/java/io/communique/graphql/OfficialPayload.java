package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("OfficialPayload")
@Description("The official as it stands after the write.")
public record OfficialPayload(
        @NonNull @Description("The official created or changed, with its offices and new `version`.") OfficialNode official,
        @Description(EditorialArgs.CLIENT_MUTATION_ID_ECHO) String clientMutationId) {
}
