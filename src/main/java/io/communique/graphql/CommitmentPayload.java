package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommitmentPayload")
@Description("The commitment as it stands after the write.")
public record CommitmentPayload(
        @NonNull @Description("The commitment created or changed, with its new `version`.") CommitmentNode commitment,
        @Description(EditorialArgs.CLIENT_MUTATION_ID_ECHO) String clientMutationId) {
}
