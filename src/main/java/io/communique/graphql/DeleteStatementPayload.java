package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("DeleteStatementPayload")
@Description("The result of deleting a statement.")
public record DeleteStatementPayload(
        @NonNull @Id @Description("Global ID of the deleted Statement; it no longer resolves.") String deletedStatementId,
        @Description(EditorialArgs.CLIENT_MUTATION_ID_ECHO) String clientMutationId) {
}
