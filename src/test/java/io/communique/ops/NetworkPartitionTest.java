package io.communique.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.errors.ErrorCodes;
import io.communique.live.EventListener;
import io.communique.support.EmbeddedPostgresResource;
import io.communique.support.Errors;
import io.communique.support.FreezableProxy;
import io.communique.support.GraphQL;
import io.communique.support.HeldLocks;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.communique.support.StatusUpdates;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A network partition between the application and PostgreSQL: the TCP connections stay open and
 * nothing passes, so no error ever comes from the network itself. Every wait on the database must
 * end on a timeout of the application's own; a request on a frozen connection, and the live-update
 * listener's ping, used to wait for ever. The application reaches its database through a
 * {@link FreezableProxy}; the test's own connections go to the database directly.
 */
@QuarkusTest
@TestProfile(NetworkPartitionTest.BehindAProxy.class)
class NetworkPartitionTest {

    static final String DATABASE = "communique_partition";
    static final TrackingDatabase DB = new TrackingDatabase(DATABASE);
    static final String OFFICIALS = "{ officials(first: 3) { nodes { name } } }";
    /** Far above any bound the application sets: reached only if something waits for ever. */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // The test's HTTP client gave up (30 s by default) as soon as the write's connection did.
            // Every connection borrowed after the freeze is checked (as ConnectionLossTest), without
            // waiting out the production interval of a second. The write's read timeout is a third of
            // production's 30 s, with the statement timeout below it as there (application.properties):
            // the write gives up after 10 s rather than 30, by the same mechanism.
            return Map.of("quarkus.http.test-timeout", PATIENCE.toSeconds() + "s",
                    "quarkus.datasource.jdbc.foreground-validation-interval", ConnectionLossTest.VALIDATE_AFTER_IDLE,
                    "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "10",
                    "communique.limits.statement-timeout", "6s");
        }
    }

    /** The test's database on the shared embedded server, with the application's datasource pointed at a proxy. */
    public static class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {
        static volatile FreezableProxy proxy;

        @Override
        public Map<String, String> start() {
            var database = new EmbeddedPostgresResource();
            database.init(Map.of(EmbeddedPostgresResource.DATABASE_ARG, DATABASE));
            Map<String, String> config = new HashMap<>(database.start());
            URI direct = URI.create(config.get("quarkus.datasource.jdbc.url").substring("jdbc:".length()));
            try {
                proxy = FreezableProxy.start(direct.getHost(), direct.getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxy.port() + direct.getPath());
            return config;
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    EventListener listener;

    @Test
    void nothingWaitsForEverOnAFrozenConnectionAndEverythingWorksOnceThePartitionEnds() throws Exception {
        long commitment = DB.newCommitment("ANNOUNCED");
        assertNull(GraphQL.query(OFFICIALS).get("errors"));
        await().atMost(Duration.ofSeconds(20)).until(listener::listening);

        try (var holder = HeldLocks.open(DB); var sql = holder.createStatement()) {
            sql.execute("select id from commitment where id = " + commitment + " for update");
            CompletableFuture<JsonPath> write = HeldLocks.sendBlockedBy(DB, holder, () -> updateStatus(commitment, "IN_PROGRESS"));
            ProxiedDatabase.proxy.freeze();
            try {
                // PostgreSQL runs the write now and answers; the answer does not get through.
                holder.rollback();

                // Idle connections are checked before use and found dead, and no new one can be opened.
                Errors.single(within(PATIENCE, () -> GraphQL.query(OFFICIALS)), ErrorCodes.SERVICE_UNAVAILABLE);
                // The write waiting for its answer gives up after its connection's read timeout.
                Errors.single(write.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), ErrorCodes.SERVICE_UNAVAILABLE);
                // The listener's ping gives up too; it then keeps trying to connect again.
                await().atMost(PATIENCE).until(() -> !listener.listening());
            } finally {
                ProxiedDatabase.proxy.thaw();
            }
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> GraphQL.query(OFFICIALS).get("errors") == null);
        await().atMost(Duration.ofSeconds(60)).until(listener::listening);
        try (var c = DB.connect(); var s = c.createStatement();
                var rs = s.executeQuery("select status from commitment where id = " + commitment)) {
            rs.next();
            assertEquals("ANNOUNCED", rs.getString(1), "the write whose answer was lost never committed");
        }
    }

    @Test
    void aWriteWhoseCommitGotNoAnswerIsReportedAsMaybeWritten() throws Exception {
        long commitment = DB.newCommitment("ANNOUNCED");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> GraphQL.query(OFFICIALS).get("errors") == null);

        JsonPath response;
        // PostgreSQL commits and answers "COMMIT"; the answer is held until the write's connection gives up.
        ProxiedDatabase.proxy.freezeOnAnswer("COMMIT\0");
        try {
            response = within(PATIENCE, () -> updateStatus(commitment, "IN_PROGRESS"));
        } finally {
            ProxiedDatabase.proxy.thaw();
        }

        // It was INTERNAL, which tells the client nothing; SERVICE_UNAVAILABLE would say "nothing was
        // written, retry", and a retry would append the same status a second time.
        var error = Errors.single(response, ErrorCodes.WRITE_OUTCOME_UNKNOWN);
        assertEquals(List.of("updateCommitmentStatus"), error.get("path"));
        assertTrue(((String) error.get("message")).contains("may or may not have been written"), error::toString);
        assertNotNull(((Map<?, ?>) error.get("extensions")).get("correlationId"));
        assertEquals(List.of("ANNOUNCED", "IN_PROGRESS"), DB.statuses(commitment), "the write whose COMMIT went unanswered was committed");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> GraphQL.query(OFFICIALS).get("errors") == null);
        await().atMost(Duration.ofSeconds(60)).until(listener::listening);
    }

    private static JsonPath within(Duration limit, Supplier<JsonPath> request) throws Exception {
        return CompletableFuture.supplyAsync(request).get(limit.toSeconds(), TimeUnit.SECONDS);
    }

    private static JsonPath updateStatus(long commitment, String status) {
        return StatusUpdates.send(Tokens.forRole("editor"), StatusUpdates.input(commitment, status));
    }
}
