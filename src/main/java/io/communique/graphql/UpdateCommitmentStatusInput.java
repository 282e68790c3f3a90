package io.communique.graphql;

import io.communique.model.CommitmentStatus;
import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("UpdateCommitmentStatusInput")
@Description("A new dated, evidenced assessment of a commitment's status. It is appended to the history; nothing is overwritten.")
public record UpdateCommitmentStatusInput(
        @NonNull @Id @Description("Global ID of the Commitment.") String commitmentId,
        @NonNull @Description("The status as of `asOf`. Allowed next statuses: see the README (DELIVERED and ABANDONED are final; an admin corrects mistakes with `correctCommitmentStatus`).") CommitmentStatus status,
        @NonNull @Description("The date the status held on; not in the future, and not before the newest entry.") LocalDate asOf,
        @Description("Why the status is assessed so, 1 to 2000 characters.") String note,
        @NonNull @Description("What evidences the status: a statement, external sources, or both.") EvidenceInput evidence,
        @Description("The commitment's `version` you read. If it has changed since, nothing is written and the error is `CONFLICT`.") Integer expectedVersion,
        @Description("Echoed back in the payload, for the client's own bookkeeping.") String clientMutationId) {
}
