package io.communique.query;

import io.communique.relay.SortKey;

/** Turns an {@code orderBy} argument into the keyset ordering of the pager. */
public final class Orderings {

    private Orderings() {
    }

    public static SortKey of(StatementOrder order) {
        return order == null ? SortKey.BY_KEY : of(order.field(), order.direction());
    }

    public static SortKey of(CommitmentOrder order) {
        return order == null ? SortKey.BY_KEY : of(order.field(), order.direction());
    }

    public static SortKey of(OfficialOrder order) {
        return order == null ? SortKey.BY_KEY : of(order.field(), order.direction());
    }

    public static SortKey of(DialogueOrder order) {
        return order == null ? SortKey.BY_KEY : of(order.field(), order.direction());
    }

    public static SortKey of(TopicOrder order) {
        return order == null ? SortKey.BY_KEY : of(order.field(), order.direction());
    }

    public static SortKey of(SubjectOrder order) {
        return order == null ? SortKey.BY_KEY : of(order.field(), order.direction());
    }

    public static SortKey of(NationOrder order) {
        return order == null ? SortKey.BY_KEY : of(order.field(), order.direction());
    }

    public static SortKey of(SourceDocumentOrder order) {
        return order == null ? SortKey.BY_KEY : of(order.field(), order.direction());
    }

    private static SortKey of(OrderField field, OrderDirection direction) {
        SortKey ascending = field.ascending();
        return direction == OrderDirection.DESC ? ascending.reversed() : ascending;
    }
}
