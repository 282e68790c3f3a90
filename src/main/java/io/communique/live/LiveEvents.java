package io.communique.live;

import io.communique.model.Commitment;
import io.communique.model.Statement;
import io.communique.model.StatusEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Turns the notifications of {@link EventListener} into {@link LiveEvent}s and broadcasts them to
 * every subscription of this instance. The rows are read once per batch of notifications (a fixed
 * number of statements, whatever the number of events or subscribers); each subscription only
 * filters the stream.
 */
@ApplicationScoped
public class LiveEvents {

    /** Notices read per round of queries: at most this many keys bound in one statement. */
    static final int NOTICES_PER_QUERY = 1000;

    private static final Logger LOG = Logger.getLogger(LiveEvents.class);

    private final SessionFactory sessions;
    private final BroadcastProcessor<LiveEvent> broadcast = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();

    public LiveEvents(SessionFactory sessions, MeterRegistry registry) {
        this.sessions = sessions;
        Gauge.builder("communique.live.subscriptions", subscribers, AtomicInteger::get)
                .description("Open GraphQL subscriptions on this instance").register(registry);
    }

    /** The hot stream of events: a subscriber sees the events published after it subscribed. */
    public Multi<LiveEvent> stream() {
        return broadcast
                .onSubscription().invoke(subscribers::incrementAndGet)
                .onTermination().invoke(subscribers::decrementAndGet);
    }

    /** Subscriptions of this instance attached to the stream (also the gauge {@code communique.live.subscriptions}). */
    public int subscribers() {
        return subscribers.get();
    }

    /** Emits events (in order) to every subscription of this instance. */
    private void emit(List<LiveEvent> events) {
        events.forEach(broadcast::onNext);
        emitted.addAndGet(events.size());
    }

    /** Events emitted since start. */
    public long emitted() {
        return emitted.get();
    }

    /**
     * Notices dealt with since start, announced or not (see {@link #announce}): for waiting until writes
     * made earlier have gone by.
     */
    public long handled() {
        return handled.get();
    }

    /**
     * Loads the rows the notices name and emits their events; when no subscription is open on this
     * instance, neither: a subscription hears only what is published after it subscribed, so the rows
     * would be read for nobody (75,035 of them after the benchmark's dataset load, read while it
     * counted its requests' statements). Counted in {@link #handled()} either way, failed or not.
     */
    public void announce(List<Notice> notices) {
        try {
            if (subscribers.get() > 0) {
                emit(load(notices));
            }
        } finally {
            handled.addAndGet(notices.size());
        }
    }

    /**
     * Reads the rows the notices name (one event per notice whose rows are still there), in a read-only
     * session of its own: this is background work of the instance, not part of any request, so the
     * statement inspection of request sessions (the tests' SQL statement counts) does not see it.
     * Read once more if the connection turns out to be lost.
     */
    public List<LiveEvent> load(List<Notice> notices) {
        try {
            return loadOnce(notices);
        } catch (RuntimeException e) {
            if (!connectionLost(e)) {
                throw e;
            }
            // The pool handed over a connection whose backend had gone (a restart, pg_terminate_backend)
            // while it sat idle for less than the pool's foreground validation interval, so unchecked.
            // Nothing retried, and the first events after every such loss were dropped. The failure took
            // that connection out of the pool; the next one is live, or checked, or new.
            LOG.debugf("Live updates: the connection was lost while loading %d event(s) (%s); loading again",
                    notices.size(), e.getMessage());
            return loadOnce(notices);
        }
    }

    /** A connection-class failure (SQLState class 08) or a terminated backend (57P01-57P03). */
    static boolean connectionLost(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    private List<LiveEvent> loadOnce(List<Notice> notices) {
        try (Session session = sessions.withOptions().statementInspector(UnaryOperator.identity()).openSession()) {
            session.setDefaultReadOnly(true);
            List<LiveEvent> events = new ArrayList<>(notices.size());
            // A bulk write announces every row at once (75,035 notices for the benchmark's dataset load), and
            // one query with a bind parameter per key fails past PostgreSQL's 65,535: in slices, each event
            // still in its notice's order.
            for (int from = 0; from < notices.size(); from += NOTICES_PER_QUERY) {
                events.addAll(load(session, notices.subList(from, Math.min(notices.size(), from + NOTICES_PER_QUERY))));
                session.clear();
            }
            return events;
        }
    }

    private List<LiveEvent> load(Session session, List<Notice> notices) {
        Set<Long> entryKeys = new HashSet<>();
        Set<Long> commitmentKeys = new HashSet<>();
        Set<Long> statementKeys = new HashSet<>();
        for (Notice notice : notices) {
            if (notice instanceof Notice.StatusEntryAdded s) {
                entryKeys.add(s.entry());
                commitmentKeys.add(s.commitment());
            } else if (notice instanceof Notice.StatementAdded s) {
                statementKeys.add(s.statement());
            }
        }
        Map<Long, StatusEntry> entries = byKey(findAll(session, StatusEntry.class, entryKeys), e -> e.id);
        Map<Long, Commitment> commitments = byKey(findAll(session, Commitment.class, commitmentKeys), c -> c.id);
        Map<Long, Statement> statements = byKey(findAll(session, Statement.class, statementKeys), s -> s.id);
        Map<Long, Set<Long>> nations = links(session, "select commitment_id, nation_id from commitment_party"
                + " where nation_id is not null and commitment_id = any(cast(:keys as bigint[]))", commitmentKeys);
        Map<Long, Set<Long>> topics = links(session, "select commitment_id, topic_id from commitment_topic"
                + " where commitment_id = any(cast(:keys as bigint[]))", commitmentKeys);

        List<LiveEvent> events = new ArrayList<>(notices.size());
        for (Notice notice : notices) {
            if (notice instanceof Notice.StatusEntryAdded s) {
                Commitment commitment = commitments.get(s.commitment());
                StatusEntry entry = entries.get(s.entry());
                if (commitment != null && entry != null) {
                    events.add(new LiveEvent.StatusChanged(commitment, entry, s.committed(),
                            nations.getOrDefault(s.commitment(), Set.of()), topics.getOrDefault(s.commitment(), Set.of())));
                }
            } else if (notice instanceof Notice.StatementAdded s) {
                Statement statement = statements.get(s.statement());
                if (statement != null) {
                    events.add(new LiveEvent.StatementAdded(statement, s.dialogue()));
                }
            }
        }
        return events;
    }

    private static <E> List<E> findAll(Session session, Class<E> entity, Collection<Long> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return session.createQuery("select e from " + entity.getSimpleName() + " e where e.id in :keys", entity)
                .setParameter("keys", keys)
                .getResultList();
    }

    private static Map<Long, Set<Long>> links(Session session, String sql, Collection<Long> keys) {
        Map<Long, Set<Long>> links = new HashMap<>();
        if (keys.isEmpty()) {
            return links;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = session.createNativeQuery(sql)
                .setParameter("keys", keys.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .getResultList();
        for (Object[] row : rows) {
            links.computeIfAbsent(((Number) row[0]).longValue(), k -> new HashSet<>()).add(((Number) row[1]).longValue());
        }
        return links;
    }

    private static <E> Map<Long, E> byKey(List<E> rows, Function<E, Long> key) {
        return rows.stream().collect(Collectors.toMap(key, Function.identity()));
    }
}
