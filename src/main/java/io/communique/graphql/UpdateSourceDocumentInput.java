package io.communique.graphql;

import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("UpdateSourceDocumentInput")
@Description("A change to a source document. A field left out stays as it is, and so does one set to null, except `url` and `publisher`, which null removes.")
public record UpdateSourceDocumentInput(
        @NonNull @Id @Description("Global ID of the SourceDocument.") String sourceDocumentId,
        @Description(EditorialArgs.EXPECTED_VERSION) Integer expectedVersion,
        @Description("New title, 1 to 500 characters.") String title,
        @Description("New URL: http or https; null removes it.") String url,
        @Description("New publisher, 1 to 200 characters; null removes it.") String publisher,
        @Description("New publication date.") LocalDate publishedOn,
        @Description("New full text. Refused (`BAD_USER_INPUT`) if any statement's text would no longer stand at its span: fix typos outside them, or add text after them.") String text,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
