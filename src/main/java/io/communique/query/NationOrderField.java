package io.communique.query;

import io.communique.relay.SortKey;
import io.communique.relay.SortKey.Column;
import org.eclipse.microprofile.graphql.Description;

@Description("Properties by which nations can be ordered; every ordering ends with the nations' ids, so equal values keep a stable order.")
public enum NationOrderField implements OrderField {
    @Description("By creation: the order nations were added in.")
    CREATED(SortKey.BY_KEY),
    @Description("By name, ignoring case (then in character code order, the same on every database).")
    NAME(SortKey.ascending("name", Column.text(SqlExpressions.folded("c.name")))),
    @Description("By ISO 3166-1 alpha-2 code.")
    CODE(SortKey.ascending("code", Column.text("cast(c.code as text) collate \"C\"")));

    private final SortKey ascending;

    NationOrderField(SortKey ascending) {
        this.ascending = ascending;
    }

    @Override
    public SortKey ascending() {
        return ascending;
    }
}
