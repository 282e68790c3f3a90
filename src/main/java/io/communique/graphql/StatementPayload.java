package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("StatementPayload")
@Description("The statement as it stands after the write.")
public record StatementPayload(
        @NonNull @Description("The statement created or changed, with its span, text and new `version`.") StatementNode statement,
        @Description(EditorialArgs.CLIENT_MUTATION_ID_ECHO) String clientMutationId) {
}
