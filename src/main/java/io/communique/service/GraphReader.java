package io.communique.service;

import io.communique.errors.ClientGoneException;
import io.communique.model.CommitmentParty;
import io.communique.model.Nation;
import io.communique.model.StatusEntry;
import io.communique.model.Subject;
import io.communique.relay.KeysetPager;
import io.communique.relay.Page;
import io.communique.relay.PageRequest;
import io.communique.relay.Relation;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;
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
        if (Arc.container().requestContext().isActive() && client.gone() && !QuarkusTransaction.isActive()) {
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

    /** Status history per commitment, oldest first (by the date assessed, then by the order recorded). */
    public Map<Long, List<StatusEntry>> history(Collection<Long> commitments) {
        stillWanted();
        var history = pager.all(Relations.COMMITMENT_HISTORY, commitments);
        history.values().forEach(list -> list.sort(
                Comparator.comparing((StatusEntry e) -> e.asOf).thenComparing(e -> e.id)));
        return history;
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

    /** A party row with the nation or organisation it names (exactly one is non-null). */
    public record PartyRow(CommitmentParty party, Nation nation, Subject organization) {
    }

    /** Every party of every commitment, with the party itself, in one statement. */
    public Map<Long, List<PartyRow>> parties(Collection<Long> commitments) {
        Map<Long, List<PartyRow>> result = new HashMap<>();
        if (commitments.isEmpty()) {
            return result;
        }
        stillWanted();
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> query = em.createNativeQuery(
                "select x.commitment_id as parent_key, {x.*}, {n.*}, {s.*} from commitment_party x"
                        + " left join nation n on n.id = x.nation_id left join subject s on s.id = x.subject_id"
                        + " where x.commitment_id = any(cast(string_to_array(:parents, ',') as bigint[]))"
                        + " order by x.commitment_id, x.id")
                .unwrap(NativeQuery.class);
        query.addScalar("parent_key", StandardBasicTypes.LONG)
                .addEntity("x", CommitmentParty.class)
                .addEntity("n", Nation.class)
                .addEntity("s", Subject.class)
                .setReadOnly(true);
        query.setParameter("parents", commitments.stream().distinct().map(String::valueOf)
                .collect(Collectors.joining(",")));
        for (Object[] row : query.getResultList()) {
            result.computeIfAbsent((Long) row[0], k -> new ArrayList<>())
                    .add(new PartyRow((CommitmentParty) row[1], (Nation) row[2], (Subject) row[3]));
        }
        return result;
    }
}
