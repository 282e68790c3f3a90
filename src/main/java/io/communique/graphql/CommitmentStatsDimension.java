package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("CommitmentStatsDimension")
@Description("What `commitmentStats` groups commitments by.")
public enum CommitmentStatsDimension {
    @Description("Each nation that is a party to the commitment: a commitment between two nations counts in both groups.")
    NATION,
    @Description("Each topic of the commitment: a commitment about two topics counts in both groups.")
    TOPIC,
    @Description("The commitment's current status.")
    STATUS,
    @Description("The dialogue the commitment was made at.")
    DIALOGUE
}
