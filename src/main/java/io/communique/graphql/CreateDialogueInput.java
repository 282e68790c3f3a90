package io.communique.graphql;

import java.time.LocalDate;
import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CreateDialogueInput")
@Description("A new dialogue: one meeting of a diplomatic format.")
public record CreateDialogueInput(
        @NonNull @Description("Title of the meeting, 1 to 300 characters.") String title,
        @NonNull @Description("The format it belongs to, e.g. `2+2 Ministerial Dialogue`; 1 to 200 characters.") String format,
        @Description("Which meeting of its format this is, 1 to 10000.") Integer edition,
        @NonNull @Description("Date it was held: from 1900 on, not in the future.") LocalDate heldOn,
        @NonNull @Description("Where it was held, 1 to 200 characters.") String place,
        @Description("Global IDs of the participating nations, at most 100, each once.") @Nullable List<@NonNull String> nationIds,
        @Description("The officials taking part with their roles (the host has the role `HOST`), at most 100, each official once.") @Nullable List<@NonNull DialogueParticipantInput> participants,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
