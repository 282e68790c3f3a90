package io.communique.graphql;

import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CreateOfficialInput")
@Description("A new official: a person who acts for a nation.")
public record CreateOfficialInput(
        @NonNull @Description("Canonical name, 1 to 200 characters.") String name,
        @Description("Other names and spellings met in sources, at most 50, each 1 to 200 characters and given once.") @Nullable List<@NonNull String> otherNames,
        @NonNull @Id @Description("Global ID of the Nation the official acts for.") String nationId,
        @Description("The office the official holds, if known.") OfficeInput office,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
