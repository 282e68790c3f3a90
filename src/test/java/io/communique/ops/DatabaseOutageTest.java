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
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

        static synchronized void startServer() {
            // Durable: the data directory is kept as it is, as after a real restart.
            server = EmbeddedDatabase.start(dataDirectory, port, true);
        }
    }

    private static final String OFFICIALS = "{ officials(first: 1) { nodes { name } } }";

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
}
