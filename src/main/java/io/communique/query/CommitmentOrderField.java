package io.communique.query;

import io.communique.relay.SortKey;
import io.communique.relay.SortKey.Column;
import org.eclipse.microprofile.graphql.Description;

@Description("Properties by which commitments can be ordered; every ordering ends with the commitments' ids, so equal values keep a stable order.")
public enum CommitmentOrderField implements OrderField {
    @Description("By creation: the order commitments were added in.")
    CREATED(SortKey.BY_KEY),
    @Description("By title, ignoring case (then in character code order, the same on every database).")
    TITLE(SortKey.ascending("title", Column.text(SqlExpressions.folded("c.title")))),
    @Description("By current status, in lifecycle order: ANNOUNCED, AGREED, IN_PROGRESS, DELIVERED, STALLED, ABANDONED.")
    STATUS(SortKey.ascending("status", Column.integer(SqlExpressions.STATUS_RANK)));

    private final SortKey ascending;

    CommitmentOrderField(SortKey ascending) {
        this.ascending = ascending;
    }

    @Override
    public SortKey ascending() {
        return ascending;
    }
}
