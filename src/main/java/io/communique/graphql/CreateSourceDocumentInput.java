package io.communique.graphql;

import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CreateSourceDocumentInput")
@Description("A new source document, stored verbatim: statements are spans of its text.")
public record CreateSourceDocumentInput(
        @NonNull @Description("Title, 1 to 500 characters.") String title,
        @Description("Where it is published: an http or https URL.") String url,
        @Description("Who published it, 1 to 200 characters.") String publisher,
        @NonNull @Description("Publication date: from 1900 on, not in the future.") LocalDate publishedOn,
        @NonNull @Description("The full text, verbatim, 1 to 200000 characters.") String text,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
