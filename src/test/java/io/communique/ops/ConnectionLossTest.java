package io.communique.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.communique.live.EventListener;
import io.communique.live.LiveEvents;
import io.communique.support.GraphQL;
import io.communique.support.GraphQLWs;
import io.communique.support.HeldLocks;
import io.communique.support.Ids;
import io.communique.support.OwnDatabaseProfile;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.communique.support.StatusUpdates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The database terminates the application's connections while it stays up (an administrator's
 * {@code pg_terminate_backend}, a failover behind a proxy): the next requests and the next live events
 * get connections that work. Each dead pooled connection used to fail the next request that borrowed
 * it, and the first live event after the loss was dropped.
 *
 * <p>The pool checks a connection before handing it out once it has been idle for its foreground
 * validation interval. Here that interval is a millisecond, so every connection borrowed after a
 * termination is checked without the tests having to wait out the production interval (a second), and
 * the background check is pushed out of the way, so that what these tests see is the foreground check
 * alone.
 */
@QuarkusTest
@TestProfile(ConnectionLossTest.OwnDatabase.class)
class ConnectionLossTest {

    static final String DATABASE = "communique_connections";
    static final TrackingDatabase DB = new TrackingDatabase(DATABASE);
    static final String OFFICIALS = "{ officials(first: 3) { nodes { name } } }";
    static final String WATCH_STATUS = GraphQL.load("subscribe-status-changed");
    /** Only what the event itself carries: delivering it borrows no connection. */
    static final String WATCH_STATUS_KEYS = "subscription { commitmentStatusChanged { commitment { id } statusChange { id status } } }";
    static final String EDITOR = Tokens.forRole("editor");
    /**
     * Shorter than any step of these tests between a connection's last use and its next borrow: a
     * termination alone is two round trips to the database and a poll of {@code pg_stat_activity}.
     */
    static final String VALIDATE_AFTER_IDLE = "1ms";

    public static class OwnDatabase extends OwnDatabaseProfile {
        public OwnDatabase() {
            super(DATABASE);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.foreground-validation-interval", VALIDATE_AFTER_IDLE,
                    "quarkus.datasource.jdbc.background-validation-interval", "1H");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LiveEvents events;

    @Test
    void requestsAfterThePoolsConnectionsWereTerminatedSucceed() throws Exception {
        List<CompletableFuture<JsonPath>> reads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // At once, so that the pool holds more than one connection to lose.
            reads.add(CompletableFuture.supplyAsync(() -> GraphQL.query(OFFICIALS)));
        }
        for (var read : reads) {
            read.get(30, TimeUnit.SECONDS);
        }
        long commitment = DB.newCommitment("ANNOUNCED");
        Set<Integer> lost = poolBackends();
        assertFalse(lost.isEmpty());

        terminate(lost);
        allConnectionsIdle();

        JsonPath written = updateStatus(commitment, "IN_PROGRESS");
        assertNull(written.get("errors"), written.prettify());
        assertEquals("IN_PROGRESS", written.getString("data.updateCommitmentStatus.commitment.status"));
        for (int i = 0; i < lost.size() + 2; i++) {
            JsonPath read = GraphQL.query(OFFICIALS);
            assertNull(read.get("errors"), read.prettify());
        }
        assertTrue(Collections.disjoint(lost, poolBackends()), "the pool opened new connections");
    }

    @Test
    void aSubscriberGetsTheFirstEventAfterThePoolsConnectionsWereTerminated() throws Exception {
        // The pool's connections only: losing the listener's ends every subscription with EVENTS_INTERRUPTED
        // (SubscriptionTest), since what was committed meanwhile was never heard.
        try (GraphQLWs ws = GraphQLWs.connect()) {
            subscribe(ws, "all", WATCH_STATUS);
            int listening = listenerBackend();

            terminate(poolBackends());
            allConnectionsIdle();

            long commitment = DB.newCommitment("ANNOUNCED");
            JsonObject event = payload(ws.next("all"));
            assertEquals(Ids.base64("Commitment:" + commitment), event.getJsonObject("commitment").getString("id"));
            assertEquals("ANNOUNCED", event.getJsonObject("commitment").getString("status"));
            assertEquals(listening, listenerBackend(), "the listener kept its connection");
        }
    }

    @Test
    void anEventWhoseConnectionIsLostWhileItLoadsIsLoadedAgain() throws Exception {
        // A connection checked when borrowed can still die before its query returns. The load is held on a
        // table lock of the test's (commitment_topic: the event's commit does not touch it, its load reads
        // it) and its backend terminated while it waits there; nothing else checks that connection.
        try (GraphQLWs ws = GraphQLWs.connect(); var holder = HeldLocks.open(DB); var sql = holder.createStatement()) {
            subscribe(ws, "keys", WATCH_STATUS_KEYS);
            int listening = listenerBackend();
            sql.execute("lock table commitment_topic in access exclusive mode");

            long commitment = DB.newCommitment("ANNOUNCED");
            int loading = await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(AssertionError.class)
                    .until(() -> HeldLocks.waitingFor(DB, holder), pid -> pid > 0);
            terminate(Set.of(loading));
            holder.rollback();

            assertEquals(Ids.base64("Commitment:" + commitment), payload(ws.next("keys")).getJsonObject("commitment").getString("id"));
            assertEquals(listening, listenerBackend(), "the listener kept its connection");
        }
    }

    /** Waits until no connection is in use: each is then idle, and checked when next borrowed. */
    private void allConnectionsIdle() {
        await().atMost(Duration.ofSeconds(10)).until(() -> dataSource.getMetrics().activeCount() == 0);
    }

    private void subscribe(GraphQLWs ws, String id, String query) {
        int before = events.subscribers();
        ws.subscribe(id, query, Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() > before);
    }

    private static JsonObject payload(JsonObject message) {
        assertEquals("next", message.getString("type"), message::encode);
        JsonObject payload = message.getJsonObject("payload");
        assertNull(payload.getValue("errors"), payload::encode);
        return payload.getJsonObject("data").getJsonObject("commitmentStatusChanged");
    }

    private static JsonPath updateStatus(long commitment, String status) {
        return StatusUpdates.send(EDITOR, StatusUpdates.input(commitment, status));
    }

    /** Terminates the backends and waits until they have exited. */
    private static void terminate(Set<Integer> pids) throws SQLException {
        try (var c = DB.connect(); var s = c.createStatement()) {
            for (int pid : pids) {
                s.execute("select pg_terminate_backend(" + pid + ")");
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Collections.disjoint(pids, appBackends()));
    }

    /** The backends of the application's pool on this test's database. */
    private static Set<Integer> poolBackends() throws SQLException {
        return backends("and application_name <> '" + EventListener.APPLICATION_NAME + "'");
    }

    /** The backends of the application on this test's database: its pool's and its listener's. */
    private static Set<Integer> appBackends() throws SQLException {
        return backends("");
    }

    private static int listenerBackend() throws SQLException {
        Set<Integer> pids = backends("and application_name = '" + EventListener.APPLICATION_NAME + "'");
        return pids.isEmpty() ? 0 : pids.iterator().next();
    }

    private static Set<Integer> backends(String condition) throws SQLException {
        Set<Integer> pids = new HashSet<>();
        try (var c = DB.connect(); var s = c.createStatement(); var rs = s.executeQuery("select pid from pg_stat_activity"
                + " where datname = '" + DATABASE + "' and backend_type = 'client backend' and pid <> pg_backend_pid() "
                + condition)) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }
}
