package io.communique.support;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Two writes made to meet in a chosen order, without sleeps: the test's own transaction holds a
 * row lock, the request starts on a thread of its own, and the test goes on only once PostgreSQL
 * shows the request's transaction waiting for the test's. Committing or rolling back the test's
 * transaction then decides what the request finds.
 */
public final class HeldLocks {

    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private HeldLocks() {
    }

    /** A transaction of the test's own, left open: its row locks are held until it commits or rolls back. */
    public static Connection open(TrackingDatabase db) throws SQLException {
        Connection c = db.connect();
        c.setAutoCommit(false);
        return c;
    }

    /**
     * Sends {@code request} on a thread of its own and returns its answer-to-be once the request's
     * transaction waits on a lock held by {@code holder}. Fails if the request answers without
     * waiting, or has not waited within 30 s.
     */
    public static CompletableFuture<JsonPath> sendBlockedBy(TrackingDatabase db, Connection holder, Supplier<JsonPath> request)
            throws Exception {
        return sendBlockedBy(db, pid(holder), request);
    }

    /**
     * The backend of the one transaction waiting on a lock {@code holder} holds: a request held
     * midway, whose own locks a second request can then be made to wait for.
     */
    public static int waitingFor(TrackingDatabase db, Connection holder) throws SQLException {
        try (var monitor = db.connect(); var waiting = monitor.prepareStatement(
                "select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid))")) {
            waiting.setInt(1, pid(holder));
            try (var rs = waiting.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("nothing waits for the test's transaction");
                }
                int pid = rs.getInt(1);
                if (rs.next()) {
                    throw new AssertionError("more than one backend waits for the test's transaction");
                }
                return pid;
            }
        }
    }

    /** As {@link #sendBlockedBy(TrackingDatabase, Connection, Supplier)}, waiting on the transaction of the backend {@code holderPid}. */
    public static CompletableFuture<JsonPath> sendBlockedBy(TrackingDatabase db, int holderPid, Supplier<JsonPath> request)
            throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CompletableFuture<JsonPath> answer = CompletableFuture.supplyAsync(request, thread);
        thread.shutdown();
        try (var monitor = db.connect(); var waiting = monitor.prepareStatement(
                "select exists (select 1 from pg_stat_activity where ? = any(pg_blocking_pids(pid)))")) {
            waiting.setInt(1, holderPid);
            long deadline = System.nanoTime() + PATIENCE_NANOS;
            while (true) {
                try (var rs = waiting.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return answer;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the request never waited for the holding transaction");
                }
                // Between two looks at pg_stat_activity, wait for the answer itself: one that comes
                // means the request did not wait for the lock at all.
                try {
                    JsonPath early = answer.get(5, TimeUnit.MILLISECONDS);
                    throw new AssertionError("the request answered without waiting for the holding transaction: " + early.prettify());
                } catch (TimeoutException stillRunning) {
                    // the request is still running: look again
                } catch (ExecutionException e) {
                    throw new AssertionError("the request failed without waiting for the holding transaction", e.getCause());
                }
            }
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The answer of a request released by the test, waited for at most 30 s. */
    public static JsonPath answer(CompletableFuture<JsonPath> answer) throws Exception {
        return answer.get(30, TimeUnit.SECONDS);
    }
}
