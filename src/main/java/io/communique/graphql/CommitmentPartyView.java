package io.communique.graphql;

import io.communique.model.PartyRole;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A party bound by a commitment, and its role in it. */
@Type("CommitmentParty")
@Description("A nation or organisation bound by a commitment, and its role in it.")
public record CommitmentPartyView(
        @NonNull @Description("The part this party plays, e.g. `SUPPLIER` or `RECIPIENT`.") PartyRole role,
        @NonNull @Description("The nation or organisation.") Party party) {
}
