package io.communique.model;

import org.eclipse.microprofile.graphql.Description;

@Description("What sort of promise a commitment is.")
public enum CommitmentKind {
    @Description("Producing a system together.")
    CO_PRODUCTION,
    @Description("One party supplying goods or systems to another.")
    SUPPLY,
    @Description("A signed or concluded agreement.")
    AGREEMENT,
    @Description("A standing mechanism, post or channel between the parties.")
    INSTITUTIONAL_ARRANGEMENT,
    @Description("Working together in a field, without a single deliverable.")
    COOPERATION,
    @Description("Building up a party's own capability, such as maintenance and repair.")
    CAPABILITY_BUILDING;
}
