package io.communique.graphql;

import io.communique.model.PartyRole;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CommitmentPartyInput")
@Description("A party bound by a commitment: give exactly one of `nationId` and `organizationId`.")
public record CommitmentPartyInput(
        @Id @Description("Global ID of a Nation.") String nationId,
        @Id @Description("Global ID of a Subject of kind `ORGANIZATION` or `COMPANY`.") String organizationId,
        @NonNull @Description("The part the party plays.") PartyRole role) {
}
