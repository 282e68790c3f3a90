package io.communique.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Reads Relay pages by keyset, for any number of parents in one SQL statement.
 *
 * <p>Each parent gets a LATERAL subquery that seeks to the cursor through the index and reads at
 * most {@code size + 1} rows, so a page costs the same at any depth and the statement count of a
 * request depends on its shape, never on the data. Rows come back as managed entities whose lazy
 * associations are left untouched: every further hop is another batched statement, chosen by a
 * resolver, never by Hibernate.
 */
@ApplicationScoped
public class KeysetPager {

    private final EntityManager em;

    public KeysetPager(EntityManager em) {
        this.em = em;
    }

    /** One page of a root list. */
    public <E> Page<E> page(Relation<E> relation, PageRequest request, boolean withTotal) {
        return pages(relation, List.of(0L), request, withTotal).get(0L);
    }

    /** One page per parent key; every key in {@code parents} gets a page, possibly empty. */
    public <E> Map<Long, Page<E>> pages(Relation<E> relation, Collection<Long> parents, PageRequest request,
            boolean withTotal) {
        Map<Long, Page<E>> result = new HashMap<>();
        if (parents.isEmpty()) {
            return result;
        }
        NativeQuery<Object[]> query = nativeQuery(sql(relation, request, withTotal))
                .addScalar("parent_key", StandardBasicTypes.LONG)
                .addScalar("has_before", StandardBasicTypes.BOOLEAN)
                .addScalar("has_after", StandardBasicTypes.BOOLEAN)
                .addScalar("total_count", StandardBasicTypes.LONG)
                .addEntity(relation.entity());
        query.setParameter("parents", joined(parents));
        query.setParameter("size", request.size() + 1);
        if (request.after() != null) {
            query.setParameter("after", request.after());
        }
        if (request.before() != null) {
            query.setParameter("before", request.before());
        }

        Map<Long, List<E>> rows = new HashMap<>();
        Map<Long, Object[]> flags = new HashMap<>();
        for (Object[] row : query.getResultList()) {
            Long parent = (Long) row[0];
            flags.putIfAbsent(parent, row);
            List<E> list = rows.computeIfAbsent(parent, k -> new ArrayList<>());
            @SuppressWarnings("unchecked")
            E entity = (E) row[4];
            if (entity != null) {
                list.add(entity);
            }
        }
        for (Long parent : parents) {
            Object[] f = flags.get(parent);
            List<E> list = rows.getOrDefault(parent, new ArrayList<>());
            boolean more = list.size() > request.size();
            if (more) {
                list = list.subList(0, request.size());
            }
            if (request.backward()) {
                list = new ArrayList<>(list);
                java.util.Collections.reverse(list);
            }
            boolean rowsBefore = f != null && Boolean.TRUE.equals(f[1]);
            boolean rowsAfter = f != null && Boolean.TRUE.equals(f[2]);
            Long total = withTotal && f != null ? (Long) f[3] : null;
            result.put(parent, request.backward()
                    ? new Page<>(List.copyOf(list), relation.key(), rowsAfter, more || rowsBefore, total)
                    : new Page<>(List.copyOf(list), relation.key(), more || rowsAfter, rowsBefore, total));
        }
        return result;
    }

    /**
     * Every child of every parent, for short lists that are not paginated (a statement's speakers,
     * a commitment's parties). Ordered by key within each parent.
     */
    public <E> Map<Long, List<E>> all(Relation<E> relation, Collection<Long> parents) {
        Map<Long, List<E>> result = new HashMap<>();
        if (parents.isEmpty()) {
            return result;
        }
        NativeQuery<Object[]> query = nativeQuery("select " + relation.parentColumn() + " as parent_key, c.* from "
                + relation.from() + " where " + relation.parentColumn()
                + " = any(cast(string_to_array(:parents, ',') as bigint[])) order by 1, c.id")
                .addScalar("parent_key", StandardBasicTypes.LONG)
                .addEntity(relation.entity());
        query.setParameter("parents", joined(parents));
        for (Object[] row : query.getResultList()) {
            @SuppressWarnings("unchecked")
            E entity = (E) row[1];
            result.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(entity);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private NativeQuery<Object[]> nativeQuery(String sql) {
        NativeQuery<Object[]> query = em.createNativeQuery(sql).unwrap(NativeQuery.class);
        // Rows are only read and mapped: no snapshots for dirty checking.
        query.setReadOnly(true);
        return query;
    }

    // One bind parameter whatever the number of parents, so the SQL text (and its plan) is reused.
    private static String joined(Collection<Long> keys) {
        return keys.stream().distinct().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String sql(Relation<?> relation, PageRequest request, boolean withTotal) {
        String belongs = relation.isRoot() ? "true" : relation.parentColumn() + " = par.parent_key";
        String range = (request.after() == null ? "" : " and c.id > :after")
                + (request.before() == null ? "" : " and c.id < :before");
        String direction = request.backward() ? "desc" : "asc";
        return "select par.parent_key, f.has_before, f.has_after, f.total_count, p.*"
                + " from unnest(cast(string_to_array(:parents, ',') as bigint[])) as par(parent_key)"
                + " cross join lateral (select "
                + (request.after() == null ? "false" : "exists(select 1 from " + relation.from() + " where " + belongs
                        + " and c.id <= :after)")
                + " as has_before, "
                + (request.before() == null ? "false" : "exists(select 1 from " + relation.from() + " where "
                        + belongs + " and c.id >= :before)")
                + " as has_after, "
                + (withTotal ? "(select count(*) from " + relation.from() + " where " + belongs + ")" : "cast(null as bigint)")
                + " as total_count) f"
                + " left join lateral (select c.* from " + relation.from() + " where " + belongs + range
                + " order by c.id " + direction + " limit :size) p on true"
                + " order by par.parent_key, p.id " + direction;
    }
}
