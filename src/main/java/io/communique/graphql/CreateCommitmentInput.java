package io.communique.graphql;

import io.communique.model.CommitmentKind;
import io.communique.model.CommitmentStatus;
import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CreateCommitmentInput")
@Description("A new commitment, made by a statement of its dialogue. Its status history starts with one entry, dated the day of the dialogue and evidenced by that statement.")
public record CreateCommitmentInput(
        @NonNull @Id @Description("Global ID of the Dialogue it was made at.") String dialogueId,
        @NonNull @Description("Short title, 1 to 300 characters.") String title,
        @NonNull @Description("What was promised, 1 to 5000 characters.") String description,
        @NonNull @Description("What sort of promise it is.") CommitmentKind kind,
        @Description("Its status at the dialogue; `ANNOUNCED` when left out.") CommitmentStatus status,
        @NonNull @Description("The nations and organisations it binds, with their roles: 1 to 100, each once.") List<@NonNull CommitmentPartyInput> parties,
        @Description("Global IDs of the Topics it is about.") @Nullable List<@NonNull String> topicIds,
        @NonNull @Id @Description("Global ID of the Statement that made it; a statement of the same dialogue.") String madeById,
        @Description("Global IDs of Statements that reaffirmed it, at most 100, each once.") @Nullable List<@NonNull String> reaffirmedByIds,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
