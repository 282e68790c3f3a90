package io.communique.model;

import org.eclipse.microprofile.graphql.Description;

@Description("The part a nation or organisation plays in a commitment.")
public enum PartyRole {
    @Description("Produces the system jointly with the other co-producers.")
    CO_PRODUCER,
    @Description("Supplies the goods or systems.")
    SUPPLIER,
    @Description("Receives the goods or systems.")
    RECIPIENT,
    @Description("Signed the agreement.")
    SIGNATORY,
    @Description("Takes part in a joint effort.")
    PARTICIPANT,
    @Description("Provides a capability or service to a beneficiary.")
    PROVIDER,
    @Description("Benefits from a capability or service provided by another party.")
    BENEFICIARY;
}
