package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommitmentStatusChangePayload")
@Description("The result of a status change: the commitment as it now stands and the entry appended to its history.")
public record StatusChangePayload(
        @NonNull @Description("The commitment, with its new `status` and `version`.") CommitmentNode commitment,
        @NonNull @Description("The entry appended to the commitment's status history.") StatusChangeNode statusChange,
        @Description("The `clientMutationId` of the input, if any.") String clientMutationId) {
}
