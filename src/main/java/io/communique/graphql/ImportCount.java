package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ImportCount")
@Description("How many rows of one kind an import created, updated, or found unchanged.")
public record ImportCount(
        @NonNull @Description("The kind of row: `nations`, `topics`, `subjects`, `officials`, `dialogues`, `documents`, `statements`, `commitments` or `statusEntries`.") String kind,
        @NonNull @Description("Rows created.") Integer created,
        @NonNull @Description("Rows changed to match the document.") Integer updated,
        @NonNull @Description("Rows that already matched the document.") Integer unchanged) {
}
