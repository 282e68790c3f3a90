package io.communique.graphql;

import java.time.LocalDate;
import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("UpdateDialogueInput")
@Description("A change to a dialogue. A field left out stays as it is, and so does one set to null, except `edition`, which null removes; a list given replaces the whole list.")
public record UpdateDialogueInput(
        @NonNull @Id @Description("Global ID of the Dialogue.") String dialogueId,
        @Description(EditorialArgs.EXPECTED_VERSION) Integer expectedVersion,
        @Description("New title, 1 to 300 characters.") String title,
        @Description("New format, 1 to 200 characters.") String format,
        @Description("New edition, 1 to 10000; null removes it.") Integer edition,
        @Description("New date: from 1900 on, not in the future.") LocalDate heldOn,
        @Description("New place, 1 to 200 characters.") String place,
        @Description("Global IDs of the participating nations; replaces them all.") @Nullable List<@NonNull String> nationIds,
        @Description("The officials taking part; replaces them all (an official who stays keeps their participation, with the role given).") @Nullable List<@NonNull DialogueParticipantInput> participants,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
