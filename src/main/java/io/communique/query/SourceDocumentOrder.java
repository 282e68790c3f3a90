package io.communique.query;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SourceDocumentOrder")
@Description("Ordering options for source documents connections.")
public record SourceDocumentOrder(
        @NonNull @Description("The field to order source documents by.") SourceDocumentOrderField field,
        @NonNull @Description("The ordering direction.") OrderDirection direction) {
}
