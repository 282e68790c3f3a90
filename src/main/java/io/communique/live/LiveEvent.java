package io.communique.live;

import io.communique.model.Commitment;
import io.communique.model.Statement;
import io.communique.model.StatusEntry;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

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

    /**
     * Not an event but word that events were lost: the listening connection broke ({@code listenerLost}: any
     * event may be missing), or the rows of the {@code unread} notices could not be read. {@link LiveEvents#stream}
     * ends each subscription it may concern and passes none on.
     */
    record Interrupted(boolean listenerLost, List<Notice> unread) implements LiveEvent {

        static final Interrupted LISTENER_LOST = new Interrupted(true, List.of());

        /** Whether it ends a subscription that may want the event of each notice that {@code wants} accepts. */
        boolean concerns(Predicate<Notice> wants) {
            return listenerLost || unread.stream().anyMatch(wants);
        }
    }
}
