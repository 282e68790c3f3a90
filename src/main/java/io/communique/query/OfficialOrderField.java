package io.communique.query;

import io.communique.relay.SortKey;
import io.communique.relay.SortKey.Column;
import org.eclipse.microprofile.graphql.Description;

@Description("Properties by which officials can be ordered; every ordering ends with the officials' ids, so equal values keep a stable order.")
public enum OfficialOrderField implements OrderField {
    @Description("By creation: the order officials were added in.")
    CREATED(SortKey.BY_KEY),
    @Description("By name, ignoring case (then in character code order, the same on every database).")
    NAME(SortKey.ascending("name", Column.text(SqlExpressions.folded("c.name"))));

    private final SortKey ascending;

    OfficialOrderField(SortKey ascending) {
        this.ascending = ascending;
    }

    @Override
    public SortKey ascending() {
        return ascending;
    }
}
