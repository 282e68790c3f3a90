package io.communique.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * Where a statement stands in its source document. Built from the statement's own row; the
 * document (whose text can be long) is read only when a client selects {@code document} or
 * {@code excerpt}, once per document for the whole response.
 */
@Type("SourceSpan")
@Description("Where a statement stands in its source document: `document.text` from `start` (inclusive) to `end` (exclusive) is exactly the statement's text. Offsets count Unicode code points.")
public final class SourceSpan {
    private final long documentKey;
    private final int start;
    private final int end;
    private final int ordinal;

    SourceSpan(long documentKey, int start, int end, int ordinal) {
        this.documentKey = documentKey;
        this.start = start;
        this.end = end;
        this.ordinal = ordinal;
    }

    long documentKey() {
        return documentKey;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    @NonNull
    @Description("Offset of the first character of the statement in `document.text`.")
    public Integer getStart() {
        return start;
    }

    @NonNull
    @Description("Offset just past the last character of the statement in `document.text`.")
    public Integer getEnd() {
        return end;
    }

    @NonNull
    @Description("Position of the statement among the document's statements, from 1.")
    public Integer getOrdinal() {
        return ordinal;
    }
}
