package io.communique.support;

import io.communique.model.Dialogue;
import io.communique.model.Official;
import io.communique.model.Statement;
import io.communique.model.StatusEntry;
import io.communique.relay.KeysetPager;
import io.communique.service.ClientPresence;
import io.communique.service.GraphReader;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * Test-only faults, enabled by the Faults profile alone: looking up a dialogue by id runs SQL
 * naming a column that does not exist (an unexpected server fault), looking up an official runs a
 * statement that sleeps far past the profile's statement timeout (PostgreSQL cancels it, so the
 * test waits on the database's own timer, never on a sleep of its own), and looking up a statement
 * waits until its client has hung up ({@link ClientGone}) before reading it, as a statement already
 * running at the hang-up would. Once armed by
 * {@link #failNextPartiesBatch()}, the next batch of commitment parties fails as a whole. Armed by
 * {@link #failNextHistoryRead} or {@link #failNextDialogueRead}, the next such read fails in the
 * database as {@link ReadFault} says. A batch of no commitments is not a read, and leaves them armed.
 */
@Alternative
@Singleton
public class FaultyGraphReader extends GraphReader {

    /** Seconds the slow statement would sleep if nothing cancelled it. */
    public static final int SLEEP_SECONDS = 60;

    /**
     * One statement lookup whose client hangs up mid-execution. The lookup announces itself, waits until
     * the server has seen the connection close (its close event handled completely on the connection's
     * event loop), then reads the statement and records what happened.
     */
    public static final class ClientGone {
        public final CountDownLatch lookupStarted = new CountDownLatch(1);
        /** The read after the hang-up: the entity's key, or the exception it failed with. */
        public final CompletableFuture<Long> read = new CompletableFuture<>();
        /** The lookup's request context, to see that it is destroyed once the execution is over. */
        public volatile InjectableContext.ContextState requestContext;
    }

    private static volatile ClientGone clientGone;

    private static final AtomicBoolean failPartiesBatch = new AtomicBoolean();
    private static final AtomicReference<ReadFault> historyFault = new AtomicReference<>();
    private static final AtomicReference<ReadFault> dialogueFault = new AtomicReference<>();

    /** How an armed read fails. */
    public enum ReadFault {
        /**
         * Its connection is lost, as a failover or an operator's {@code pg_terminate_backend} loses it:
         * the connection's own backend is terminated under the read.
         */
        LOSE_CONNECTION,
        /** It runs until the statement timeout cancels it. */
        OUTLAST_STATEMENT_TIMEOUT
    }

    /** The next batch of commitment parties throws one exception for all its commitments. */
    public static void failNextPartiesBatch() {
        failPartiesBatch.set(true);
    }

    /** The next read of commitments' status history fails so. */
    public static void failNextHistoryRead(ReadFault fault) {
        historyFault.set(fault);
    }

    /** The next lookup of a dialogue by id fails so, instead of as an unexpected fault. */
    public static void failNextDialogueRead(ReadFault fault) {
        dialogueFault.set(fault);
    }

    /** Reads armed by a test that failed before making them no longer fail. */
    public static void disarmReads() {
        historyFault.set(null);
        dialogueFault.set(null);
    }

    /** Arms the statement lookup for one hang-up; the next statement lookup takes it. */
    public static ClientGone armClientGone() {
        ClientGone armed = new ClientGone();
        clientGone = armed;
        return armed;
    }

    private final EntityManager em;
    private final CurrentVertxRequest currentRequest;

    public FaultyGraphReader(KeysetPager pager, EntityManager em, ClientPresence client, CurrentVertxRequest currentRequest) {
        super(pager, em, client);
        this.em = em;
        this.currentRequest = currentRequest;
    }

    @Override
    public Map<Long, List<PartyRow>> parties(Collection<Long> commitments) {
        // An empty batch is no read: a mutation's payload check asks for one before the mutation runs.
        if (!commitments.isEmpty() && failPartiesBatch.compareAndSet(true, false)) {
            throw new IllegalStateException("injected fault: parties of " + commitments.size() + " commitments");
        }
        return super.parties(commitments);
    }

    @Override
    public Map<Long, List<StatusEntry>> history(Collection<Long> commitments) {
        if (!commitments.isEmpty()) {
            fail(historyFault.getAndSet(null));
        }
        return super.history(commitments);
    }

    private void fail(ReadFault fault) {
        if (fault == ReadFault.LOSE_CONNECTION) {
            // The sleep begins once the termination is signalled, and is where the backend gives up: this
            // statement fails as the read on a cut connection does.
            em.createNativeQuery("select 1 from pg_sleep(5 * pg_terminate_backend(pg_backend_pid())::int)").getResultList();
            throw new IllegalStateException("the terminated connection still answered");
        }
        if (fault == ReadFault.OUTLAST_STATEMENT_TIMEOUT) {
            em.createNativeQuery("select 1 from pg_sleep(" + SLEEP_SECONDS + ")").getResultList();
        }
    }

    @Override
    public <E> Optional<E> find(Class<E> entity, long key) {
        ReadFault fault = entity == Dialogue.class ? dialogueFault.getAndSet(null) : null;
        if (fault != null) {
            fail(fault);
        } else if (entity == Dialogue.class) {
            em.createNativeQuery("select no_such_column from dialogue").getResultList();
        }
        if (entity == Official.class) {
            em.createNativeQuery("select 1 from pg_sleep(" + SLEEP_SECONDS + ")").getResultList();
        }
        ClientGone armed = clientGone;
        if (entity == Statement.class && armed != null) {
            clientGone = null;
            return readAfterHangUp(armed, entity, key);
        }
        return super.find(entity, key);
    }

    private <E> Optional<E> readAfterHangUp(ClientGone armed, Class<E> entity, long key) {
        var request = currentRequest.getCurrent();
        armed.requestContext = Arc.container().requestContext().getState();
        armed.lookupStarted.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> request.response().closed());
        // closed() turns true as the close event starts; its handlers run in the same event-loop task, so
        // a task queued behind it runs once they all have.
        CountDownLatch handled = new CountDownLatch(1);
        ((HttpServerRequestInternal) request.request()).context().runOnContext(ignored -> handled.countDown());
        try {
            if (!handled.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the connection's event loop did not run the queued task");
            }
            // Straight to the session: this read began before the hang-up, so no check stops it.
            Optional<E> found = Optional.ofNullable(em.find(entity, key));
            armed.read.complete(key);
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            armed.read.completeExceptionally(e);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            armed.read.completeExceptionally(e);
            throw e;
        }
    }
}
