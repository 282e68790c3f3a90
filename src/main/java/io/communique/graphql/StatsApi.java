package io.communique.graphql;

import io.communique.errors.BadUserInputException;
import io.communique.model.CommitmentStatus;
import io.communique.model.Dialogue;
import io.communique.model.Nation;
import io.communique.model.Topic;
import io.communique.query.CommitmentFilter;
import io.communique.query.Filters;
import io.communique.service.CommitmentStatistics;
import io.communique.service.GraphReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** The scoreboard: how many commitments are kept, per nation, topic, status or dialogue. */
@GraphQLApi
public class StatsApi {

    private final CommitmentStatistics statistics;
    private final Filters filters;
    private final GraphReader reader;

    public StatsApi(CommitmentStatistics statistics, Filters filters, GraphReader reader) {
        this.statistics = statistics;
        this.filters = filters;
        this.reader = reader;
    }

    @Query("commitmentStats")
    @Description("Commitments counted per status and the share delivered, grouped by the dimensions given (none: one group of all commitments), after the G7 Research Group's compliance reports. A commitment counts once in every group it belongs to (per nation party, per topic). Groups come in order of their nation, topic and dialogue (the null group last), then status in lifecycle order. One SQL statement, plus one per nation, topic or dialogue field selected. At most "
            + CommitmentStatistics.MAX_GROUPS + " groups: more is `BAD_USER_INPUT` (narrow `filter` or group by fewer dimensions).")
    public @NonNull List<@NonNull CommitmentStatsGroup> commitmentStats(
            @NonNull @Name("groupBy") @Description("The dimensions to group by, each at most once; an empty list gives one group.") List<@NonNull CommitmentStatsDimension> groupBy,
            @Name("filter") @Description("Which commitments to count, as in `Query.commitments`.") CommitmentFilter filter) {
        if (groupBy.stream().distinct().count() != groupBy.size()) {
            throw new BadUserInputException("Argument 'groupBy' on the 'commitmentStats' field names a dimension twice.");
        }
        var dimensions = groupBy.stream().map(d -> CommitmentStatistics.Dimension.valueOf(d.name())).toList();
        return statistics.count(dimensions, filters.commitments(filter, "commitmentStats")).stream()
                .map(g -> new CommitmentStatsGroup(g.nation(), g.topic(), g.dialogue(), g.status(), counts(g.byStatus())))
                .toList();
    }

    private static List<StatusCount> counts(Map<CommitmentStatus, Long> byStatus) {
        List<StatusCount> counts = new ArrayList<>();
        for (CommitmentStatus status : CommitmentStatus.values()) {
            counts.add(new StatusCount(status, byStatus.getOrDefault(status, 0L).intValue()));
        }
        return counts;
    }

    @Description("The group's nation, when grouped by NATION (null for the commitments with no nation party).")
    public List<NationNode> nation(@Source List<CommitmentStatsGroup> groups) {
        return singles(groups, CommitmentStatsGroup::nationKey, Nation.class, n -> n.id, NationNode::new);
    }

    @Description("The group's topic, when grouped by TOPIC (null for the commitments with no topic).")
    public List<TopicNode> topic(@Source List<CommitmentStatsGroup> groups) {
        return singles(groups, CommitmentStatsGroup::topicKey, Topic.class, t -> t.id, TopicNode::new);
    }

    @Description("The group's dialogue, when grouped by DIALOGUE.")
    public List<DialogueNode> dialogue(@Source List<CommitmentStatsGroup> groups) {
        return singles(groups, CommitmentStatsGroup::dialogueKey, Dialogue.class, d -> d.id, DialogueNode::new);
    }

    /** One node (or null) per group, all of them read in one statement. */
    private <E, N> List<N> singles(List<CommitmentStatsGroup> groups, Function<CommitmentStatsGroup, Long> key,
            Class<E> entity, Function<E, Long> id, Function<E, N> node) {
        Collection<Long> keys = groups.stream().map(key).filter(Objects::nonNull).distinct().toList();
        Map<Long, E> rows = reader.findAll(entity, keys).stream().collect(Collectors.toMap(id, Function.identity()));
        return groups.stream().map(g -> {
            E row = key.apply(g) == null ? null : rows.get(key.apply(g));
            return row == null ? null : node.apply(row);
        }).toList();
    }
}
