package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Where a statement stands in its source document. */
@Type("SourceSpan")
@Description("Where a statement stands in its source document: `document.text` from `start` (inclusive) to `end` (exclusive) is exactly the statement's text. Offsets count Unicode code points.")
public record SourceSpan(
        @NonNull @Description("The document the statement is taken from.") SourceDocumentNode document,
        @NonNull @Description("Offset of the first character of the statement in `document.text`.") Integer start,
        @NonNull @Description("Offset just past the last character of the statement in `document.text`.") Integer end,
        @NonNull @Description("Position of the statement among the document's statements, from 1.") Integer ordinal) {
}
