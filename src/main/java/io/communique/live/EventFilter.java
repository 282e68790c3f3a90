package io.communique.live;

import java.util.Set;

/**
 * What one subscription to status changes wants, as row keys: a commitment among {@code commitments}
 * (when given) that has every nation of {@code nations} as a party and every topic of {@code topics}.
 */
public record EventFilter(Set<Long> commitments, Set<Long> nations, Set<Long> topics) {

    public static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), Set.of());

    public boolean matches(LiveEvent.StatusChanged event) {
        return (commitments.isEmpty() || commitments.contains(event.commitment().id))
                && event.nations().containsAll(nations)
                && event.topics().containsAll(topics);
    }

    /**
     * Whether a change of this commitment may match, judged before its rows are read: its nations and topics
     * are not known then, so only the commitments can rule it out.
     */
    public boolean mayMatch(long commitment) {
        return commitments.isEmpty() || commitments.contains(commitment);
    }
}
