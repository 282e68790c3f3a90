package io.communique.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.db.EmbeddedDatabase;
import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.communique.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops under a running server and starts again: requests fail fast with
 * SERVICE_UNAVAILABLE, readiness goes down while liveness stays up, and the server recovers by
 * itself with every committed write intact. The database is a server of this test's own, so
 * stopping it disturbs no other test.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnServer.class)
class DatabaseOutageTest {

    public static class OwnServer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppableDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** An embedded PostgreSQL on a fixed port and data directory, so that it can come back where it was. */
    public static class StoppableDatabase implements QuarkusTestResourceLifecycleManager {
        private static Path dataDirectory;
        private static int port;
        private static EmbeddedDatabase server;

        @Override
        public Map<String, String> start() {
            try (var socket = new ServerSocket(0)) {
                dataDirectory = Files.createTempDirectory("communique-outage-pg");
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            startServer();
            server.createDatabaseIfMissing("communique");
            return Map.of("quarkus.datasource.jdbc.url", server.jdbcUrl("communique"),
                    "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "");
        }

        @Override
        public void stop() {
            stopServer();
        }

        static synchronized void stopServer() {
            if (server != null) {
                server.close();
                server = null;
            }
        }

        static synchronized String jdbcUrl() {
            return server.jdbcUrl("communique");
        }

        static synchronized void startServer() {
            // Durable: the data directory is kept as it is, as after a real restart.
            server = EmbeddedDatabase.start(dataDirectory, port, true);
        }
    }

    private static final String OFFICIALS = "{ officials(first: 1) { nodes { name } } }";

    @Inject
    AgroalDataSource pool;

    @Test
    void anOutageIsServiceUnavailableAndTheServerRecoversWithoutARestart() {
        String drones = Ids.base64("Commitment:3");
        var written = GraphQL.as(Tokens.forRole("editor"),
                "mutation($in: UpdateCommitmentStatusInput!) { updateCommitmentStatus(input: $in) { commitment { status } } }",
                "in", Map.of("commitmentId", drones, "status", "DELIVERED", "asOf", "2024-06-01",
                        "evidence", Map.of("statementId", Ids.base64("Statement:23"))));
        assertNull(written.get("errors"), written.prettify());

        StoppableDatabase.stopServer();
        long started = System.nanoTime();
        var down = GraphQL.query(OFFICIALS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals("SERVICE_UNAVAILABLE", down.getString("errors[0].extensions.code"), down.prettify());
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "failed after " + took);
        given().when().get("/q/health/ready").then().statusCode(503);
        given().when().get("/q/health/live").then().statusCode(200);

        StoppableDatabase.startServer();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> GraphQL.query(OFFICIALS).get("errors") == null);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
        var after = GraphQL.query("query($id: ID!) { commitment(id: $id) { status version } }", "id", drones);
        assertEquals("DELIVERED", after.getString("data.commitment.status"), "the committed write survived the outage");
        assertEquals(1, after.getInt("data.commitment.version"));
    }

    /**
     * PostgreSQL refuses new connections when every slot is taken ("sorry, too many clients already",
     * 53300): several instances whose pools together outgrow max_connections. The database is up but
     * out of resources, so the client is told to retry, as for an outage; until 2026-12-08 this was
     * INTERNAL, logged as a fault of the server's own.
     */
    @Test
    void aDatabaseWithNoConnectionSlotLeftIsServiceUnavailableAndWritesNothing() throws SQLException {
        String drones = Ids.base64("Commitment:3");
        String before = GraphQL.query("query($id: ID!) { commitment(id: $id) { status version } }", "id", drones).prettify();
        List<Connection> held = new ArrayList<>();
        try {
            // The pool's connections closed, so that the next request must open one.
            pool.flush(AgroalDataSource.FlushMode.ALL);
            String url = StoppableDatabase.jdbcUrl();
            while (true) {
                try {
                    held.add(DriverManager.getConnection(url, "postgres", ""));
                } catch (SQLException refused) {
                    assertEquals("53300", refused.getSQLState(), refused.getMessage());
                    break;
                }
            }

            var read = GraphQL.query(OFFICIALS);
            assertEquals("SERVICE_UNAVAILABLE", read.getString("errors[0].extensions.code"), read.prettify());
            assertEquals("The database has no resources to spare right now (connections, memory or disk). Retry later.",
                    read.getString("errors[0].message"));
            var write = GraphQL.as(Tokens.forRole("editor"),
                    "mutation($in: UpdateCommitmentStatusInput!) { updateCommitmentStatus(input: $in) { commitment { status } } }",
                    "in", Map.of("commitmentId", drones, "status", "STALLED", "asOf", "2024-07-01",
                            "evidence", Map.of("statementId", Ids.base64("Statement:23"))));
            assertEquals("SERVICE_UNAVAILABLE", write.getString("errors[0].extensions.code"), write.prettify());
            assertEquals("The database has no resources to spare right now (connections, memory or disk): nothing was"
                    + " written. Retry later.", write.getString("errors[0].message"));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertNull(GraphQL.query(OFFICIALS).get("errors"), "a slot freed is used again");
        assertEquals(before, GraphQL.query("query($id: ID!) { commitment(id: $id) { status version } }", "id", drones)
                .prettify(), "the refused write changed nothing");
    }
}
