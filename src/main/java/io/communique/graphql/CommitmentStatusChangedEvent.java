package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommitmentStatusChangedEvent")
@Description("A status entry was appended to a commitment's history (a status update, a re-assessment or a correction), by any writer on any instance.")
public record CommitmentStatusChangedEvent(
        @NonNull @Description("The commitment as it stood when the entry was committed: its `status` is the current status.") CommitmentNode commitment,
        @NonNull @Description("The entry appended to the commitment's status history.") StatusChangeNode statusChange) {
}
