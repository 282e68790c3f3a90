package io.communique.service;

import static io.communique.model.CommitmentStatus.ABANDONED;
import static io.communique.model.CommitmentStatus.AGREED;
import static io.communique.model.CommitmentStatus.ANNOUNCED;
import static io.communique.model.CommitmentStatus.DELIVERED;
import static io.communique.model.CommitmentStatus.IN_PROGRESS;
import static io.communique.model.CommitmentStatus.STALLED;

import io.communique.model.CommitmentStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which status may follow which, as an editor records new evidence. A commitment moves forward
 * (announced, agreed, in progress, delivered) or stalls, may be revived from a stall, and ends
 * delivered or abandoned. The same status may be recorded again with newer evidence. Anything else
 * (say, un-delivering) is a correction of the record, which only an admin makes.
 */
public final class StatusTransitions {

    static final Map<CommitmentStatus, Set<CommitmentStatus>> NEXT = Map.of(
            ANNOUNCED, EnumSet.of(ANNOUNCED, AGREED, IN_PROGRESS, DELIVERED, STALLED, ABANDONED),
            AGREED, EnumSet.of(AGREED, IN_PROGRESS, DELIVERED, STALLED, ABANDONED),
            IN_PROGRESS, EnumSet.of(IN_PROGRESS, DELIVERED, STALLED, ABANDONED),
            STALLED, EnumSet.of(STALLED, AGREED, IN_PROGRESS, DELIVERED, ABANDONED),
            DELIVERED, EnumSet.noneOf(CommitmentStatus.class),
            ABANDONED, EnumSet.noneOf(CommitmentStatus.class));

    private StatusTransitions() {
    }

    public static boolean allowed(CommitmentStatus from, CommitmentStatus to) {
        return NEXT.get(from).contains(to);
    }

    public static Set<CommitmentStatus> next(CommitmentStatus from) {
        return NEXT.get(from);
    }
}
