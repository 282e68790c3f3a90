package io.communique.graphql;

import io.communique.model.CommitmentStatus;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommitmentStatsGroup")
@Description("Commitments of one group of `commitmentStats`, counted by status. `nation`, `topic`, `status` and `dialogue` name the group; each is null when not grouped by (or, for nation and topic, for the commitments that have none).")
public final class CommitmentStatsGroup {

    private final Long nation;
    private final Long topic;
    private final Long dialogue;
    private final CommitmentStatus status;
    private final List<StatusCount> byStatus;
    private final int total;

    CommitmentStatsGroup(Long nation, Long topic, Long dialogue, CommitmentStatus status, List<StatusCount> byStatus) {
        this.nation = nation;
        this.topic = topic;
        this.dialogue = dialogue;
        this.status = status;
        this.byStatus = byStatus;
        this.total = byStatus.stream().mapToInt(StatusCount::count).sum();
    }

    Long nationKey() {
        return nation;
    }

    Long topicKey() {
        return topic;
    }

    Long dialogueKey() {
        return dialogue;
    }

    @Description("The group's status, when grouped by STATUS.")
    public CommitmentStatus getStatus() {
        return status;
    }

    @NonNull
    @Description("Commitments in the group.")
    public Integer getTotal() {
        return total;
    }

    @NonNull
    @Description("Commitments of the group per current status: every status, in lifecycle order, zeros included.")
    public List<@NonNull StatusCount> getByStatus() {
        return byStatus;
    }

    @Description("Share of the group's commitments delivered: those whose current status is DELIVERED, over all of the group's commitments (ABANDONED and STALLED ones count against it, as broken or unkept promises). Between 0 and 1; null for an empty group.")
    public Double getDeliveredShare() {
        if (total == 0) {
            return null;
        }
        long delivered = byStatus.stream().filter(c -> c.status() == CommitmentStatus.DELIVERED).mapToLong(StatusCount::count).sum();
        return (double) delivered / total;
    }
}
