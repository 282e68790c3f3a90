package io.communique.graphql;

import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("UpdateSourceDocumentInput")
@Description("A change to a source document. A field left out (or null) stays as it is.")
public record UpdateSourceDocumentInput(
        @NonNull @Id @Description("Global ID of the SourceDocument.") String sourceDocumentId,
        @Description(EditorialArgs.EXPECTED_VERSION) Integer expectedVersion,
        @Description("New title, 1 to 500 characters.") String title,
        @Description("New URL: http or https.") String url,
        @Description("New publisher, 1 to 200 characters.") String publisher,
        @Description("New publication date.") LocalDate publishedOn,
        @Description("New full text. Refused (`BAD_USER_INPUT`) if any statement's text would no longer stand at its span: fix typos outside them, or add text after them.") String text,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
