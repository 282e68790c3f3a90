package io.communique.query;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("SourceDocumentFilter")
@Description("Which source documents to list. A document must match every field given (AND).")
public record SourceDocumentFilter(
        @Description("When the document was published (inclusive).")
        DateRange publishedOn) {
}
