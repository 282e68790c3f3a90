package io.communique.live;

/** One notification of the V10 triggers: which row was committed. */
public sealed interface Notice {

    record StatusEntryAdded(long commitment, long entry) implements Notice {
    }

    record StatementAdded(long statement, long dialogue) implements Notice {
    }
}
