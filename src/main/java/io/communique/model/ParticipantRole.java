package io.communique.model;

import org.eclipse.microprofile.graphql.Description;

@Description("An official's part in a dialogue.")
public enum ParticipantRole {
    @Description("A member of one of the delegations at the table.")
    DELEGATION_MEMBER,
    @Description("An official whom a delegation called on during the dialogue.")
    CALLED_ON,
    @Description("The official who hosted the dialogue.")
    HOST,
    @Description("Attended without being a member of a delegation.")
    OBSERVER;
}
