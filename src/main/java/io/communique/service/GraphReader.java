package io.communique.service;

import io.communique.errors.ClientGoneException;
import io.communique.model.Nation;
import io.communique.model.PartyRole;
import io.communique.model.StatusEntry;
import io.communique.model.Subject;
import io.communique.model.SubjectKind;
import io.communique.relay.KeysetPager;
import io.communique.relay.Page;
import io.communique.relay.PageRequest;
import io.communique.relay.Relation;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.BasicType;
import org.hibernate.type.StandardBasicTypes;

/**
 * Read side of the graph: every query a GraphQL field needs, each one SQL statement for a whole
 * batch of parents. Nothing here opens a transaction; reads run in the request's session.
 *
 * <p>Once the request's client has hung up ({@link ClientPresence}), a read outside any transaction
 * issues no statement and throws {@link ClientGoneException}: the rest of the traversal fails fast
 * instead of loading what nobody will receive. A read inside a transaction (a write's own reads)
 * always runs, so a hang-up never changes what a write does.
 */
@ApplicationScoped
public class GraphReader {

    private final KeysetPager pager;
    private final EntityManager em;
    private final ClientPresence client;

    public GraphReader(KeysetPager pager, EntityManager em, ClientPresence client) {
        this.pager = pager;
        this.em = em;
        this.client = client;
    }

    /** Throws when nobody will receive what the next read would load (see the class comment). */
    private void stillWanted() {
        // Inside any transaction (a write reading back what it wrote), finish: getStatus() is what the
        // deprecated isActive() compared (anything but STATUS_NO_TRANSACTION).
        if (Arc.container().requestContext().isActive() && client.gone()
                && QuarkusTransaction.getStatus() == Status.STATUS_NO_TRANSACTION) {
            throw new ClientGoneException();
        }
    }

    public <E> Page<E> page(Relation<E> relation, PageRequest request, boolean withTotal) {
        stillWanted();
        return pager.page(relation, request, withTotal);
    }

    public <E> Map<Long, Page<E>> pages(Relation<E> relation, Collection<Long> parents, PageRequest request) {
        // Nested totals are counted inside the page statement itself, so they cost no extra statement.
        stillWanted();
        return pager.pages(relation, parents, request, true);
    }

    public <E> Map<Long, List<E>> all(Relation<E> relation, Collection<Long> parents) {
        stillWanted();
        return pager.all(relation, parents);
    }

    /**
     * Status history per commitment, oldest first: by the date assessed, then by the order recorded,
     * except that a correction replaces the entry it corrects and so stands in its place, right after
     * it (and after earlier corrections of it). The last entry is then the current status, as the
     * database derives it (migration V13).
     */
    public Map<Long, List<StatusEntry>> history(Collection<Long> commitments) {
        stillWanted();
        var history = pager.all(Relations.COMMITMENT_HISTORY, commitments);
        history.values().forEach(GraphReader::inHistoryOrder);
        return history;
    }

    static void inHistoryOrder(List<StatusEntry> entries) {
        Map<Long, StatusEntry> byKey = new HashMap<>();
        entries.forEach(e -> byKey.put(e.id, e));
        Map<Long, StatusEntry> place = new HashMap<>();
        for (StatusEntry e : entries) {
            StatusEntry corrected = e;
            while (corrected.correctsKey != null && byKey.containsKey(corrected.correctsKey)) {
                corrected = byKey.get(corrected.correctsKey);
            }
            place.put(e.id, corrected);
        }
        entries.sort(Comparator.comparing((StatusEntry e) -> place.get(e.id).asOf).thenComparing(e -> place.get(e.id).id)
                .thenComparing(e -> e.id));
    }

    public <E> Optional<E> find(Class<E> entity, long key) {
        stillWanted();
        return Optional.ofNullable(em.find(entity, key));
    }

    /** Entities of one type by key, in one statement; missing keys are simply absent. */
    public <E> List<E> findAll(Class<E> entity, Collection<Long> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        stillWanted();
        return em.createQuery("select e from " + entity.getSimpleName() + " e where e.id in :keys", entity)
                .setParameter("keys", keys)
                .getResultList();
    }

    // Looked up once: the mapping is fixed for the application's life, and parties are read per request.
    private volatile BasicType<?> otherNamesType;

    /**
     * How Nation.otherNames is read, for the same column read here as a scalar. Given only a Java
     * type, Hibernate asked the driver for the result's metadata, which costs a catalog query on every
     * new connection (the benchmark's statement count caught it).
     */
    private BasicType<?> otherNamesType() {
        BasicType<?> type = otherNamesType;
        if (type == null) {
            type = otherNamesType = (BasicType<?>) em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                    .getMappingMetamodel().getEntityDescriptor(Nation.class).findAttributeMapping("otherNames")
                    .getSingleJdbcMapping();
        }
        return type;
    }

    @SuppressWarnings("unchecked")
    private static List<String> otherNames(Object column) {
        return List.copyOf((List<String>) column);
    }

    /** A party of a commitment: its role and the nation or organisation it names (exactly one is non-null). */
    public record PartyRow(PartyRole role, Nation nation, Subject organization) {
    }

    /**
     * Every party of every commitment, with the party itself, in one statement.
     *
     * <p>Read as plain values, not as managed entities: the nations and organisations built here are
     * copies that no session knows, for output only, one per key and batch. Loaded as three managed
     * entities per row (the party with its lazy links, the nation, the organisation with its own), these
     * rows took a tenth of the server's CPU in the canonical traversal (async-profiler, 2026-12-06), for
     * the few columns a client reads.
     */
    public Map<Long, List<PartyRow>> parties(Collection<Long> commitments) {
        Map<Long, List<PartyRow>> result = new HashMap<>();
        if (commitments.isEmpty()) {
            return result;
        }
        stillWanted();
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> query = em.createNativeQuery(
                "select x.commitment_id, x.role, n.id as n_id, n.code, n.name as n_name, n.created_at as n_created,"
                        + " n.updated_at as n_updated, n.other_names as n_other_names, s.id as s_id, s.slug, s.name as s_name,"
                        + " s.kind, s.created_at as s_created, s.updated_at as s_updated from commitment_party x"
                        + " left join nation n on n.id = x.nation_id left join subject s on s.id = x.subject_id"
                        + " where x.commitment_id = any(cast(string_to_array(:parents, ',') as bigint[]))"
                        + " order by x.commitment_id, x.id")
                .unwrap(NativeQuery.class);
        query.addScalar("commitment_id", StandardBasicTypes.LONG)
                .addScalar("role", StandardBasicTypes.STRING)
                .addScalar("n_id", StandardBasicTypes.LONG)
                .addScalar("code", StandardBasicTypes.STRING)
                .addScalar("n_name", StandardBasicTypes.STRING)
                .addScalar("n_created", StandardBasicTypes.OFFSET_DATE_TIME)
                .addScalar("n_updated", StandardBasicTypes.OFFSET_DATE_TIME)
                .addScalar("n_other_names", otherNamesType())
                .addScalar("s_id", StandardBasicTypes.LONG)
                .addScalar("slug", StandardBasicTypes.STRING)
                .addScalar("s_name", StandardBasicTypes.STRING)
                .addScalar("kind", StandardBasicTypes.STRING)
                .addScalar("s_created", StandardBasicTypes.OFFSET_DATE_TIME)
                .addScalar("s_updated", StandardBasicTypes.OFFSET_DATE_TIME)
                .setReadOnly(true);
        query.setParameter("parents", commitments.stream().distinct().map(String::valueOf)
                .collect(Collectors.joining(",")));
        Map<Long, Nation> nations = new HashMap<>();
        Map<Long, Subject> organizations = new HashMap<>();
        for (Object[] row : query.getResultList()) {
            Nation nation = row[2] == null ? null : nations.computeIfAbsent((Long) row[2], id -> {
                var n = new Nation();
                n.id = id;
                n.code = (String) row[3];
                n.name = (String) row[4];
                n.createdAt = (OffsetDateTime) row[5];
                n.updatedAt = (OffsetDateTime) row[6];
                n.otherNames = otherNames(row[7]);
                return n;
            });
            Subject organization = row[8] == null ? null : organizations.computeIfAbsent((Long) row[8], id -> {
                var o = new Subject();
                o.id = id;
                o.slug = (String) row[9];
                o.name = (String) row[10];
                o.kind = SubjectKind.valueOf((String) row[11]);
                o.createdAt = (OffsetDateTime) row[12];
                o.updatedAt = (OffsetDateTime) row[13];
                return o;
            });
            result.computeIfAbsent((Long) row[0], k -> new ArrayList<>())
                    .add(new PartyRow(PartyRole.valueOf((String) row[1]), nation, organization));
        }
        return result;
    }
}
