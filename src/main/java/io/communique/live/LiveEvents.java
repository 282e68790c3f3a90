package io.communique.live;

import io.communique.errors.EventsInterruptedException;
import io.communique.errors.LiveEventsUnavailableException;
import io.communique.model.Commitment;
import io.communique.model.Statement;
import io.communique.model.StatusEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
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
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns the notifications of {@link EventListener} into {@link LiveEvent}s and broadcasts them to
 * every subscription of this instance. The rows are read once per batch of notifications (a fixed
 * number of statements, whatever the number of events or subscribers); each subscription only
 * filters the stream.
 *
 * <p>Nothing is skipped silently. A subscription is accepted only while the listener is listening, and
 * from then on it gets every event whose transaction commits after it was accepted, in commit order,
 * or it ends with {@code EVENTS_INTERRUPTED} as soon as events it may have wanted are lost: when the
 * listening connection breaks (PostgreSQL does not queue notifications for a connection that is not
 * listening), or when the rows of a batch cannot be read.
 */
@ApplicationScoped
public class LiveEvents {

    /** Notices read per round of queries: at most this many keys bound in one statement. */
    static final int NOTICES_PER_QUERY = 1000;

    private static final Logger LOG = Logger.getLogger(LiveEvents.class);
    private static final Cancellable DETACHED = () -> {
    };
    /** Whether a subscription counts in {@link #subscribers()}: not yet, counted, or never again (it ended). */
    private static final int NOT_YET = 0;
    private static final int COUNTED = 1;
    private static final int NEVER = 2;

    private final SessionFactory sessions;
    private final BroadcastProcessor<LiveEvent> broadcast = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    /** Written by the listener's thread only (see {@link #stream} for the order it is written in). */
    private volatile boolean listening;

    public LiveEvents(SessionFactory sessions, MeterRegistry registry) {
        this.sessions = sessions;
        Gauge.builder("communique.live.subscriptions", subscribers, AtomicInteger::get)
                .description("Accepted GraphQL subscriptions open on this instance").register(registry);
    }

    /**
     * The events of one subscription, from the moment it is accepted: refused with {@code SERVICE_UNAVAILABLE}
     * while the listener is not listening, and ended with {@code EVENTS_INTERRUPTED} when events are lost
     * that it may have wanted. {@code wants} tells whether it may want the event of a notice, judged without
     * the rows (a filter on nations or topics cannot be).
     */
    public Multi<LiveEvent> stream(Predicate<Notice> wants) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<Cancellable> attachment = new AtomicReference<>();
            AtomicInteger counted = new AtomicInteger(NOT_YET);
            emitter.onTermination(() -> {
                Cancellable attached = attachment.getAndSet(DETACHED);
                if (attached != null) {
                    attached.cancel();
                }
                if (counted.getAndSet(NEVER) == COUNTED) {
                    subscribers.decrementAndGet();
                }
            });
            Cancellable attached = broadcast.subscribe().with(event -> {
                if (!(event instanceof LiveEvent.Interrupted interrupted)) {
                    emitter.emit(event);
                } else if (interrupted.concerns(wants)) {
                    emitter.fail(interrupted.listenerLost() ? EventsInterruptedException.listenerLost()
                            : EventsInterruptedException.unread());
                }
            }, emitter::fail);
            if (!attachment.compareAndSet(null, attached)) {
                attached.cancel(); // ended (cancelled) while it attached
                return;
            }
            // Asked once attached, never before: the listener marks itself not listening before it broadcasts the
            // interruption, so a subscription attached too late to get that is refused here. Accepted, it was
            // attached while LISTEN was in force: whatever commits from now on is heard and reaches it, or the
            // interruption does.
            if (!listening) {
                emitter.fail(new LiveEventsUnavailableException());
                return;
            }
            subscribers.incrementAndGet();
            if (!counted.compareAndSet(NOT_YET, COUNTED)) {
                subscribers.decrementAndGet(); // ended meanwhile
            }
        });
    }

    /**
     * Accepted subscriptions of this instance still open (also the gauge {@code communique.live.subscriptions}).
     * An event committed after a subscription was accepted finds this above zero and is loaded.
     */
    public int subscribers() {
        return subscribers.get();
    }

    /** True while the listener has LISTEN in force on its connection: subscriptions are accepted then only. */
    public boolean listening() {
        return listening;
    }

    /** The listener's LISTEN has taken effect (it is committed): what commits from now on is heard. */
    void resumed() {
        listening = true;
    }

    /**
     * The listener's connection is lost, and every notice it read has been announced: what was committed since
     * is never heard, so every open subscription ends, and none is accepted until {@link #resumed()}.
     */
    void interrupted() {
        if (!listening) {
            return;
        }
        listening = false; // first: see stream()
        int ended = subscribers.get();
        broadcast.onNext(LiveEvent.Interrupted.LISTENER_LOST);
        if (ended > 0) {
            LOG.infof("Live updates: ended %d subscription(s) with EVENTS_INTERRUPTED: events committed until the"
                    + " listener reconnects are not heard", ended);
        }
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
     * counted its requests' statements). Counted in {@link #handled()} either way, failed or not. When the
     * rows cannot be read, the subscriptions that may have wanted one of the events end before the failure is
     * thrown on.
     */
    public void announce(List<Notice> notices) {
        try {
            if (subscribers.get() > 0) {
                List<LiveEvent> loaded;
                try {
                    loaded = load(notices);
                } catch (RuntimeException e) {
                    broadcast.onNext(new LiveEvent.Interrupted(false, List.copyOf(notices)));
                    throw e;
                }
                emit(loaded);
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
