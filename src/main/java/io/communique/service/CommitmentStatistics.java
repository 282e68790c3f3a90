package io.communique.service;

import io.communique.errors.BadUserInputException;
import io.communique.model.CommitmentStatus;
import io.communique.relay.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Counts commitments per group and status in one SQL statement. A commitment counts once in each
 * group it belongs to: with NATION, in the group of every nation that is a party to it (a commitment
 * between India and the US counts for both), with TOPIC in the group of each of its topics. One with
 * no nation party (or no topic) falls in the group whose nation (topic) is null.
 */
@ApplicationScoped
public class CommitmentStatistics {

    public enum Dimension { NATION, TOPIC, STATUS, DIALOGUE }

    /**
     * Most groups one count returns. Groups by nation, topic or dialogue grow with the data, and a list
     * with no pages must have a bound for the query cost to be honest (README, "Limits"); past it the
     * count is refused, to be narrowed by {@code filter} or fewer dimensions.
     */
    public static final int MAX_GROUPS = 1000;

    /** A group's keys (null for a dimension not grouped by) and its counts per status. */
    public record Group(Long nation, Long topic, CommitmentStatus status, Long dialogue,
            Map<CommitmentStatus, Long> byStatus) {
    }

    private final EntityManager em;

    public CommitmentStatistics(EntityManager em) {
        this.em = em;
    }

    /** Most groups {@code groupBy} can give: one without dimensions, one per status by STATUS alone. */
    public static int maxGroups(Collection<Dimension> groupBy) {
        long groups = 1;
        for (Dimension dimension : groupBy) {
            groups *= dimension == Dimension.STATUS ? CommitmentStatus.values().length : MAX_GROUPS;
        }
        return (int) Math.min(MAX_GROUPS, groups);
    }

    public List<Group> count(List<Dimension> groupBy, SqlFilter filter) {
        boolean nation = groupBy.contains(Dimension.NATION);
        boolean topic = groupBy.contains(Dimension.TOPIC);
        boolean status = groupBy.contains(Dimension.STATUS);
        boolean dialogue = groupBy.contains(Dimension.DIALOGUE);
        List<String> keys = new ArrayList<>();
        if (nation) {
            keys.add("n.nation_id");
        }
        if (topic) {
            keys.add("t.topic_id");
        }
        if (dialogue) {
            keys.add("c.dialogue_id");
        }
        // Counting distinct ids: the joins repeat a commitment once per nation and topic it has.
        String sql = "select " + (nation ? "n.nation_id" : "null") + " as nation, "
                + (topic ? "t.topic_id" : "null") + " as topic, "
                + (dialogue ? "c.dialogue_id" : "null") + " as dialogue, "
                + "c.status as status, count(distinct c.id) as n"
                + " from commitment c"
                + (nation ? " left join commitment_party n on n.commitment_id = c.id and n.nation_id is not null" : "")
                + (topic ? " left join commitment_topic t on t.commitment_id = c.id" : "")
                + " where true" + filter.sql()
                + " group by " + String.join(", ", keys) + (keys.isEmpty() ? "" : ", ") + "c.status"
                // A group is at most one row per status: this many rows are more than MAX_GROUPS groups, and no
                // more need be read to know it.
                + " limit " + (MAX_GROUPS + 1) * CommitmentStatus.values().length;
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> query = em.createNativeQuery(sql).unwrap(NativeQuery.class);
        query.addScalar("nation", StandardBasicTypes.LONG).addScalar("topic", StandardBasicTypes.LONG)
                .addScalar("dialogue", StandardBasicTypes.LONG).addScalar("status", StandardBasicTypes.STRING)
                .addScalar("n", StandardBasicTypes.LONG).setReadOnly(true);
        filter.parameters().forEach(query::setParameter);

        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        for (Object[] row : query.getResultList()) {
            CommitmentStatus rowStatus = CommitmentStatus.valueOf((String) row[3]);
            CommitmentStatus groupStatus = status ? rowStatus : null;
            List<Object> key = java.util.Arrays.asList(row[0], row[1], groupStatus, row[2]);
            Group group = groups.computeIfAbsent(key, k -> new Group((Long) row[0], (Long) row[1], groupStatus,
                    (Long) row[2], new EnumMap<>(CommitmentStatus.class)));
            group.byStatus().merge(rowStatus, (Long) row[4], Long::sum);
        }
        if (groups.size() > MAX_GROUPS) {
            throw new BadUserInputException("The 'commitmentStats' field would return more than " + MAX_GROUPS
                    + " groups, the limit. Group by fewer dimensions or narrow 'filter'.");
        }
        // Groups in key order (rows' creation order, the null group last), statuses in lifecycle order.
        Comparator<Long> key = Comparator.nullsLast(Comparator.naturalOrder());
        return groups.values().stream()
                .sorted(Comparator.comparing(Group::nation, key).thenComparing(Group::topic, key)
                        .thenComparing(Group::dialogue, key)
                        .thenComparing(Group::status, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }
}
