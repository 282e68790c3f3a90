package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("SourceDocumentPayload")
@Description("The source document as it stands after the write.")
public record SourceDocumentPayload(
        @NonNull @Description("The document created or changed, with its new `version`.") SourceDocumentNode sourceDocument,
        @Description(EditorialArgs.CLIENT_MUTATION_ID_ECHO) String clientMutationId) {
}
