package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommitmentStatusChangedEvent")
@Description("A status entry was appended to a commitment's history (a status update, a re-assessment or a correction), by any writer on any instance.")
public record CommitmentStatusChangedEvent(
        @NonNull @Description("The commitment as the entry's transaction left it: `status`, `version`, `updatedAt` and `statusHistory` are those of that commit, whenever the event is sent (entries recorded later are not in `statusHistory`, and `status` is that of its last entry). The other fields are not versioned: they are read after the commit, so an edit made since shows, and so does the current state of this commitment reached again through them (e.g. `statements { nodes { commitments } }`).") CommitmentNode commitment,
        @NonNull @Description("The entry appended to the commitment's status history. It is in `commitment.statusHistory`, last unless it was dated before other entries or corrects an earlier one (it then takes its place among them), or its transaction appended more entries after it (an import can).") StatusChangeNode statusChange) {
}
