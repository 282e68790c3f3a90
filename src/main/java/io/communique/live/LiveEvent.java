package io.communique.live;

import io.communique.model.Commitment;
import io.communique.model.Statement;
import io.communique.model.StatusEntry;
import java.util.Set;

/**
 * An event as every subscriber of this instance sees it: the rows it is about, loaded once when
 * the notification arrives, and the keys subscriptions filter on.
 */
public sealed interface LiveEvent {

    /**
     * A status entry was appended to a commitment's history; nations and topics are the commitment's.
     * {@code committed} is what the commitment's status, version and history were at that commit,
     * which the entity, read later, may no longer show.
     */
    record StatusChanged(Commitment commitment, StatusEntry entry, AsCommitted committed, Set<Long> nations,
            Set<Long> topics) implements LiveEvent {
    }

    record StatementAdded(Statement statement, long dialogue) implements LiveEvent {
    }
}
