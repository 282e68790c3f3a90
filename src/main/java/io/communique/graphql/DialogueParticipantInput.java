package io.communique.graphql;

import io.communique.model.ParticipantRole;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DialogueParticipantInput")
@Description("An official taking part in a dialogue, and their role.")
public record DialogueParticipantInput(
        @NonNull @Id @Description("Global ID of the Official.") String officialId,
        @NonNull @Description("The official's part in the dialogue.") ParticipantRole role) {
}
