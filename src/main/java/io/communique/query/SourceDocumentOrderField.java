package io.communique.query;

import io.communique.relay.SortKey;
import io.communique.relay.SortKey.Column;
import org.eclipse.microprofile.graphql.Description;

@Description("Properties by which source documents can be ordered; every ordering ends with the source documents' ids, so equal values keep a stable order.")
public enum SourceDocumentOrderField implements OrderField {
    @Description("By creation: the order source documents were added in.")
    CREATED(SortKey.BY_KEY),
    @Description("By publication date.")
    PUBLISHED_ON(SortKey.ascending("published_on", Column.date("c.published_on")));

    private final SortKey ascending;

    SourceDocumentOrderField(SortKey ascending) {
        this.ascending = ascending;
    }

    @Override
    public SortKey ascending() {
        return ascending;
    }
}
