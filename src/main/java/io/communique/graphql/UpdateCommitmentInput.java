package io.communique.graphql;

import io.communique.model.CommitmentKind;
import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("UpdateCommitmentInput")
@Description("A change to a commitment's description, parties, topics or statements. A field left out (or null) stays as it is; a list given replaces the whole list. The status changes with `updateCommitmentStatus`.")
public record UpdateCommitmentInput(
        @NonNull @Id @Description("Global ID of the Commitment.") String commitmentId,
        @Description(EditorialArgs.EXPECTED_VERSION) Integer expectedVersion,
        @Description("New title, 1 to 300 characters.") String title,
        @Description("New description, 1 to 5000 characters.") String description,
        @Description("New kind.") CommitmentKind kind,
        @Description("The parties; replaces them all (a party that stays keeps its row, with the role given).") @Nullable List<@NonNull CommitmentPartyInput> parties,
        @Description("Global IDs of the Topics; replaces them all.") @Nullable List<@NonNull String> topicIds,
        @Id @Description("Global ID of the Statement that made it; a statement of the commitment's dialogue.") String madeById,
        @Description("Global IDs of Statements that reaffirmed it; replaces them all.") @Nullable List<@NonNull String> reaffirmedByIds,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
