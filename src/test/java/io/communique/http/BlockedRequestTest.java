package io.communique.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.communique.support.GraphQL;
import io.communique.support.GraphQLWs;
import io.communique.support.HeldLocks;
import io.communique.support.OwnDatabaseProfile;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.communique.support.StatusUpdates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A request that waits on the database holds up nobody else's. Until 2026-12, every resolver of every
 * request ran through one queue per Vert.x event loop (Quarkus dispatched them with an ordered
 * {@code executeBlocking}, which a request's duplicated context shares with its event loop): a mutation
 * waiting for a row lock stalled every request that happened to share its event loop until the statement
 * timed out, while the pool's other connections sat idle.
 *
 * <p>Here the test holds a commitment's row lock, sends a mutation of that commitment, waits until
 * PostgreSQL shows it waiting, and then sends more unrelated reads than there are event loops, each on
 * a connection of its own (Vert.x spreads connections over the event loops in turn), so that some of
 * them share the mutation's event loop. They must all be answered while the lock is still held; only
 * then is the lock released, and the mutation goes through.
 */
@QuarkusTest
@TestProfile(BlockedRequestTest.Profile.class)
class BlockedRequestTest {

    static final String DATABASE = "communique_blocked";
    static final TrackingDatabase DB = new TrackingDatabase(DATABASE);
    static final String MUTATION = GraphQL.load("update-commitment-status");
    static final String READ = "{ nations { totalCount } }";
    static final String EDITOR = Tokens.forRole("editor");
    static final int EVENT_LOOPS = 2;
    static final int READS = 4 * EVENT_LOOPS;
    /**
     * How long the reads may take, generous for a shared machine and far below the statement timeout
     * of this profile, which is how long a read stalled behind the mutation would wait.
     */
    static final long READS_SECONDS = 10;

    public static class Profile extends OwnDatabaseProfile {
        public Profile() {
            super(DATABASE);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // A known number of event loops, which the reads outnumber; a statement timeout well past READS_SECONDS.
            return Map.of("quarkus.vertx.event-loops-pool-size", String.valueOf(EVENT_LOOPS),
                    "communique.limits.statement-timeout", "60s");
        }
    }

    @Test
    void readsAreAnsweredWhileAMutationSentOverHttpWaitsForALock() throws Exception {
        long commitment = DB.newCommitment("ANNOUNCED");
        try (Connection holder = HeldLocks.open(DB); GraphQLWs other = GraphQLWs.connect()) {
            lock(holder, commitment);
            CompletableFuture<JsonPath> mutation = HeldLocks.sendBlockedBy(DB, holder,
                    () -> GraphQL.as(EDITOR, MUTATION, "input", input(commitment, "Sent over HTTP")));

            readWhileBlocked(mutation, List.of(other));

            holder.rollback();
            JsonPath answer = HeldLocks.answer(mutation);
            assertNull(answer.get("errors"), answer::prettify);
            assertEquals("AGREED", answer.getString("data.updateCommitmentStatus.statusChange.status"));
        }
    }

    @Test
    void readsAreAnsweredWhileAMutationSentOverWebSocketWaitsForALock() throws Exception {
        // The socket's own queries too: a socket's operations are independent requests.
        long commitment = DB.newCommitment("ANNOUNCED");
        try (Connection holder = HeldLocks.open(DB); GraphQLWs editor = GraphQLWs.connectAs(EDITOR);
                GraphQLWs other = GraphQLWs.connect()) {
            lock(holder, commitment);
            ExecutorService waiter = Executors.newSingleThreadExecutor();
            CompletableFuture<JsonObject> answered = new CompletableFuture<>();
            CompletableFuture<JsonPath> mutation = HeldLocks.sendBlockedBy(DB, holder, () -> {
                editor.subscribe("m", MUTATION, Map.of("input", input(commitment, "Sent over WebSocket")));
                waiter.execute(() -> {
                    try {
                        answered.complete(editor.next("m"));
                    } catch (Throwable e) {
                        answered.completeExceptionally(e);
                    }
                });
                return answered.thenApply(message -> JsonPath.from(message.encode())).join();
            });
            waiter.shutdown();

            readWhileBlocked(mutation, List.of(editor, other));

            holder.rollback();
            JsonPath message = HeldLocks.answer(mutation);
            assertEquals("next", message.getString("type"), message::prettify);
            assertNull(message.get("payload.errors"), message::prettify);
            assertEquals("AGREED", message.getString("payload.data.updateCommitmentStatus.statusChange.status"));
            assertEquals("complete", editor.next("m").getString("type"));
        }
    }

    /**
     * Sends {@link #READS} reads over HTTP, each from a thread and connection of its own, and one over each
     * socket, and checks that they are all answered, in time, while {@code mutation} still waits.
     */
    private static void readWhileBlocked(CompletableFuture<JsonPath> mutation, List<GraphQLWs> sockets) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(READS);
        try {
            List<CompletableFuture<JsonPath>> reads = new ArrayList<>();
            for (int i = 0; i < READS; i++) {
                reads.add(CompletableFuture.supplyAsync(() -> GraphQL.query(READ), clients));
            }
            for (int i = 0; i < sockets.size(); i++) {
                sockets.get(i).subscribe("read" + i, READ, Map.of());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READS_SECONDS);
            try {
                CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(READS_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                long waiting = reads.stream().filter(read -> !read.isDone()).count();
                throw new AssertionError(waiting + " of " + READS + " reads over HTTP were still unanswered after "
                        + READS_SECONDS + " s, while a mutation waited for a lock");
            }
            for (CompletableFuture<JsonPath> read : reads) {
                JsonPath answer = read.join();
                assertNull(answer.get("errors"), answer::prettify);
                assertFalse(answer.getInt("data.nations.totalCount") == 0, answer::prettify);
            }
            for (int i = 0; i < sockets.size(); i++) {
                JsonObject next = sockets.get(i).next("read" + i);
                assertEquals("next", next.getString("type"), next::encode);
                assertNull(next.getJsonObject("payload").getValue("errors"), next::encode);
                assertEquals("complete", sockets.get(i).next("read" + i).getString("type"));
            }
            assertFalse(System.nanoTime() > deadline, "the reads over WebSocket took more than " + READS_SECONDS + " s");
            assertFalse(mutation.isDone(), "the mutation still waits for the lock while the reads are answered");
        } finally {
            clients.shutdownNow();
        }
    }

    private static void lock(Connection holder, long commitment) throws Exception {
        try (var s = holder.createStatement()) {
            s.executeQuery("select id from commitment where id = " + commitment + " for update").close();
        }
    }

    private static Map<String, Object> input(long commitment, String note) {
        return StatusUpdates.input(commitment, "AGREED", "note", note);
    }
}
