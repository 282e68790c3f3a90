package io.communique.graphql;

import jakarta.json.JsonValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ImportDialogueInput")
@Description("A dialogue document to load.")
public record ImportDialogueInput(
        @NonNull @Description("The document, as `exportDialogue` returns it; it must match the JSON Schema `src/main/resources/schema/dialogue.schema.json`.") JsonValue document,
        @Description("Echoed back in the payload, for the client's own bookkeeping.") String clientMutationId) {
}
