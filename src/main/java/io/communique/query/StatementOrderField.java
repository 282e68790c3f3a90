package io.communique.query;

import io.communique.relay.SortKey;
import io.communique.relay.SortKey.Column;
import org.eclipse.microprofile.graphql.Description;

@Description("Properties by which statements can be ordered; every ordering ends with the statements' ids, so equal values keep a stable order.")
public enum StatementOrderField implements OrderField {
    @Description("By creation: the order statements were added in (document order for seeded statements).")
    CREATED(SortKey.BY_KEY),
    @Description("In document order: by the date the dialogue was held, then dialogue, source document and the statement's position in it.")
    DOCUMENT_ORDER(SortKey.ascending("document", Column.date("c.held_on"), Column.integer("c.dialogue_id"), Column.integer("c.document_id"), Column.integer("c.ordinal")));

    private final SortKey ascending;

    StatementOrderField(SortKey ascending) {
        this.ascending = ascending;
    }

    @Override
    public SortKey ascending() {
        return ascending;
    }
}
