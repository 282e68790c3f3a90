package io.communique.graphql;

import io.communique.model.DialogueParticipant;
import io.communique.model.ParticipantRole;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("DialogueParticipant")
@Description("An official's part in a dialogue.")
public final class ParticipantView {
    private final DialogueParticipant entity;

    ParticipantView(DialogueParticipant entity) {
        this.entity = entity;
    }

    long key() {
        return entity.id;
    }

    @NonNull
    @Description("The official's role, e.g. `DELEGATION_MEMBER`, or `CALLED_ON` for an official a delegation called on.")
    public ParticipantRole getRole() {
        return entity.role;
    }
}
