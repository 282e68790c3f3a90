package io.communique.live;

/** One notification of the V10 and V14 triggers: which row was committed. */
public sealed interface Notice {

    record StatusEntryAdded(long commitment, long entry, AsCommitted committed) implements Notice {
    }

    record StatementAdded(long statement, long dialogue) implements Notice {
    }
}
