package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DeleteStatementInput")
@Description("A statement to delete (admin only). Refused while a commitment links it or a status entry cites it as evidence.")
public record DeleteStatementInput(
        @NonNull @Id @Description("Global ID of the Statement.") String statementId,
        @Description(EditorialArgs.EXPECTED_VERSION) Integer expectedVersion,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
