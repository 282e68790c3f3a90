package io.communique.graphql;

import io.communique.model.CommitmentStatus;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CorrectCommitmentStatusInput")
@Description("A correction of an earlier status entry (admin only). A new entry with the same date is appended and names the entry it corrects; the corrected entry stays in the history. The correction takes its place: it follows it in `statusHistory`, and an entry recorded after the corrected one, even of the same date, still gives the current status.")
public record CorrectCommitmentStatusInput(
        @NonNull @Id @Description("Global ID of the CommitmentStatusChange being corrected.") String statusChangeId,
        @NonNull @Description("The status the corrected entry should have said.") CommitmentStatus status,
        @Description("What was wrong and why, 1 to 2000 characters.") String note,
        @NonNull @Description("What evidences the corrected status.") EvidenceInput evidence,
        @Description("The commitment's `version` you read; if it changed since, the error is `CONFLICT`.") Integer expectedVersion,
        @Description("Echoed back in the payload.") String clientMutationId) {
}
