package io.communique.graphql;

import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("UpdateOfficialInput")
@Description("A change to an official. A field left out (or null) stays as it is; `otherNames` given replaces the list.")
public record UpdateOfficialInput(
        @NonNull @Id @Description("Global ID of the Official.") String officialId,
        @Description(EditorialArgs.EXPECTED_VERSION) Integer expectedVersion,
        @Description("New canonical name, 1 to 200 characters.") String name,
        @Description("Other names and spellings; replaces the list.") @Nullable List<@NonNull String> otherNames,
        @Id @Description("Global ID of the Nation the official now acts for.") String nationId,
        @Description("A new office from `startedOn`. Offices the official still holds end on that date and stay in `offices`; a start before theirs is refused.") OfficeInput newOffice,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
