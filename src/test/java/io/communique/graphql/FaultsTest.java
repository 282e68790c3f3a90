package io.communique.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.communique.errors.ClientGoneException;
import io.communique.errors.ErrorCodes;
import io.communique.errors.ErrorMapper;
import io.communique.model.Nation;
import io.communique.service.ClientPresence;
import io.communique.service.GraphReader;
import io.communique.support.OwnDatabaseProfile;
import io.communique.support.CapturedLog;
import io.communique.support.Errors;
import io.communique.support.FaultyGraphReader;
import io.communique.support.FaultyGraphReader.ReadFault;
import io.communique.support.GraphQLWs;
import io.communique.support.HeldLocks;
import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.communique.support.Metrics;
import io.communique.support.SqlStatementCounter;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.communique.support.StatusUpdates;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server faults: an unexpected exception becomes INTERNAL with a correlation id that the log line
 * with the stack trace also names; a statement cancelled by the statement timeout becomes TIMEOUT;
 * a mutation whose result cannot be read after its commit says it was written. Its own profile and
 * database: {@link FaultyGraphReader} is enabled, and the statement timeout is one second, the lock
 * timeout half a second (set on every connection by the same new-connection-sql as in production).
 */
@QuarkusTest
@TestProfile(FaultsTest.Faults.class)
class FaultsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration LOCK_TIMEOUT = Duration.ofMillis(500);
    static final String DATABASE = "communique_faults";
    static final TrackingDatabase DB = new TrackingDatabase(DATABASE);
    static final String STATUS_UPDATE = StatusUpdates.MUTATION;

    /** Logs the faults of the HTTP layer itself (package-private class). */
    private static final String HTTP_HANDLER = "io.communique.http.GraphQLHttpHandler";

    public static class Faults extends OwnDatabaseProfile {
        public Faults() {
            super(DATABASE);
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FaultyGraphReader.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("communique.limits.statement-timeout", TIMEOUT.toMillis() + "ms",
                    "communique.limits.lock-timeout", LOCK_TIMEOUT.toMillis() + "ms");
        }

    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    GraphReader reader;

    @Inject
    ClientPresence client;

    private CapturedLog log;

    @BeforeEach
    void captureTheMappersLog() {
        log = CapturedLog.of(ErrorMapper.class.getName(), HTTP_HANDLER);
    }

    @AfterEach
    void release() {
        FaultyGraphReader.disarmReads();
        log.close();
    }

    @Test
    void anUnexpectedExceptionIsInternalWithACorrelationIdTheLogAlsoNames() {
        var response = GraphQL.file("fault-internal", "id", Ids.base64("Dialogue:1"));
        var error = Errors.single(response, ErrorCodes.INTERNAL);
        String id = response.getString("errors[0].extensions.correlationId");
        assertNotNull(id, response.prettify());
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
        assertTrue(error.get("message").toString().startsWith("Internal server error."), error.toString());
        assertTrue(error.get("message").toString().contains(id));
        assertEquals(List.of("dialogue"), response.getList("errors[0].path"));
        assertNull(response.get("data.dialogue"));

        var line = log.records().stream().filter(r -> String.valueOf(r.getMessage()).contains(id)
                || String.valueOf(formatted(r)).contains(id)).findFirst();
        assertTrue(line.isPresent(), "no log line names " + id);
        assertNotNull(line.get().getThrown(), "the log line carries the stack trace");
    }

    @Test
    void aBatchFailingForEveryParentGivesEachFieldItsErrorButIsLoggedOnce() {
        FaultyGraphReader.failNextPartiesBatch();
        var response = GraphQL.file("fault-batch");
        List<Map<String, Object>> errors = response.getList("errors");
        assertEquals(5, errors.size(), response.prettify());
        String id = response.getString("errors[0].extensions.correlationId");
        for (int i = 0; i < errors.size(); i++) {
            assertEquals(ErrorCodes.INTERNAL, response.getString("errors[" + i + "].extensions.code"));
            assertEquals(List.of("commitments", "nodes", i, "parties"), response.getList("errors[" + i + "].path"));
            assertEquals(id, response.getString("errors[" + i + "].extensions.correlationId"));
        }
        var lines = log.records().stream().filter(r -> String.valueOf(formatted(r)).contains(id)).toList();
        assertEquals(1, lines.size(), "one fault, one log line: " + lines.stream().map(FaultsTest::formatted).toList());
        assertTrue(formatted(lines.get(0)).contains("and 4 more fields of this response"), formatted(lines.get(0)));
        assertNotNull(lines.get(0).getThrown());
    }

    @Test
    void theCorrelationIdOfAFaultIsTheRequestsIdInTheResponseHeaderAndInTheMdcOfItsLogLines() {
        for (String sent : new String[] {null, "client-req-77"}) {
            log.clear();
            var request = given().contentType("application/json")
                    .body(Map.of("query", GraphQL.load("fault-internal"), "variables", Map.of("id", Ids.base64("Dialogue:1"))));
            if (sent != null) {
                request.header("X-Request-ID", sent);
            }
            var response = request.when().post("/graphql").then().statusCode(200).extract();
            String header = response.header("X-Request-ID");
            String id = response.jsonPath().getString("errors[0].extensions.correlationId");
            assertEquals(ErrorCodes.INTERNAL, response.jsonPath().getString("errors[0].extensions.code"));
            assertEquals(header, id, "the error names the request's id");
            if (sent != null) {
                assertEquals(sent, id, "a well-formed id from the client is kept");
            }
            var records = log.records().stream().filter(r -> r instanceof ExtLogRecord e && id.equals(e.getMdc("correlationId"))).toList();
            assertEquals(1, records.size(), "the fault's log line carries the id in its MDC: " + log.records());
            assertNotNull(records.get(0).getThrown());
            // The formatter JSON logs use (QUARKUS_LOG_CONSOLE_JSON_ENABLED=true) writes the MDC with the line.
            String json = new org.jboss.logmanager.formatters.JsonFormatter().format(records.get(0));
            assertTrue(json.contains("\"correlationId\":\"" + id + "\""), json);
        }
    }

    @Test
    void aFailureInTheDatabaseIsLoggedOnceWithTheRequestsId() {
        // Hibernate logged two more WARN lines for every SQL error, on top of the mapper's one.
        try (CapturedLog everything = CapturedLog.of("")) {
            for (String fault : List.of("fault-timeout", "fault-internal")) {
                String kind = fault.equals("fault-timeout") ? "Official:1" : "Dialogue:1";
                var response = GraphQL.file(fault, "id", Ids.base64(kind));
                String id = response.getString("errors[0].extensions.correlationId");
                assertNotNull(id, response.prettify());
                var lines = everything.warnings().stream()
                        .filter(r -> r instanceof ExtLogRecord e && id.equals(e.getMdc("correlationId")))
                        .map(r -> r.getLoggerName() + ": " + formatted(r)).toList();
                assertEquals(1, lines.size(), fault + ": " + lines);
                assertTrue(lines.get(0).startsWith(ErrorMapper.class.getName()), lines.get(0));
            }
        }
    }

    @Test
    void twoFaultsGetTwoCorrelationIds() {
        String first = GraphQL.file("fault-internal", "id", Ids.base64("Dialogue:1")).getString("errors[0].extensions.correlationId");
        String second = GraphQL.file("fault-internal", "id", Ids.base64("Dialogue:1")).getString("errors[0].extensions.correlationId");
        assertNotNull(first);
        assertTrue(!first.equals(second), "correlation ids must be unique");
    }

    @Test
    void aStatementCancelledByTheStatementTimeoutIsTimeout() {
        long started = System.nanoTime();
        var response = GraphQL.file("fault-timeout", "id", Ids.base64("Official:1"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        var error = Errors.single(response, ErrorCodes.TIMEOUT);
        assertNotNull(response.getString("errors[0].extensions.correlationId"));
        assertEquals(List.of("official"), response.getList("errors[0].path"));
        assertTrue(error.get("message").toString().contains("1 s"), error.toString());
        assertTrue(took.compareTo(Duration.ofSeconds(FaultyGraphReader.SLEEP_SECONDS)) < 0,
                "the statement was cancelled, not waited out: " + took);
    }

    @Test
    void aClientHangingUpMidExecutionFinishesTheRunningReadSkipsTheRestAndLogsNothing() throws Exception {
        var armed = FaultyGraphReader.armClientGone();
        String abandoned = "graphql_operation_seconds_count{operation=\"StatementById\",outcome=\"abandoned\",type=\"query\"}";
        double abandonedBefore = Metrics.value(Metrics.scrape(), abandoned);
        byte[] body = Json.createObjectBuilder().add("query", GraphQL.load("fault-client-gone"))
                .add("variables", Json.createObjectBuilder().add("id", Ids.base64("Statement:1"))).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        SqlStatementCounter.reset();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            assertTrue(armed.lookupStarted.await(30, TimeUnit.SECONDS), "the lookup never started");
        }
        // SmallRye's handler closed the session at the hang-up, so this read failed, and every field after it.
        assertEquals(1L, armed.read.get(30, TimeUnit.SECONDS), "the read after the hang-up had a live session");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !armed.requestContext.isValid());
        // The statement's speakers and commitments would be two more statements; nobody would receive them.
        assertEquals(1, SqlStatementCounter.count(), "only the read in progress ran: " + SqlStatementCounter.statements());
        assertEquals(List.of(), log.records(), "nothing to report: the client left, the server did not fail");
        assertEquals(abandonedBefore + 1, Metrics.value(Metrics.scrape(), abandoned), "counted as abandoned, not as an error");
    }

    @Test
    void aReadInsideATransactionRunsEvenOnceTheClientHasGone() {
        var context = Arc.container().requestContext();
        context.activate();
        try {
            client.markGone();
            assertThrows(ClientGoneException.class, () -> reader.find(Nation.class, 1L));
            // A write's own reads: skipping one would change what the write does, so it runs.
            assertTrue(QuarkusTransaction.requiringNew().call(() -> reader.find(Nation.class, 1L)).isPresent());
        } finally {
            context.terminate();
        }
    }

    @Test
    void everyPooledConnectionCarriesTheConfiguredTimeouts() throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            for (var setting : Map.of("statement_timeout", "1s", "lock_timeout", "500ms").entrySet()) {
                try (var rs = statement.executeQuery("show " + setting.getKey())) {
                    rs.next();
                    assertEquals(setting.getValue(), rs.getString(1), setting.getKey());
                }
            }
        }
    }

    // ---- mutations: written or not ----

    /** A status update of {@code commitment}, evidenced by a statement of the seed's dialogue. */
    static Map<String, Object> statusUpdate(long commitment) {
        return StatusUpdates.input(commitment, "IN_PROGRESS", "clientMutationId", "sent-once");
    }

    static String written(String why) {
        return "This mutation was written: its changes are committed. Reading its result failed (" + why + "). Do not"
                + " send it again; read what it changed instead (a node it created is in changes(since:)).";
    }

    @Test
    void aMutationWhoseResultCannotBeReadAfterItsCommitSaysItWasWrittenAndNotToSendItAgain() throws SQLException {
        // The status history is read after updateCommitmentStatus has committed. A connection lost there was
        // SERVICE_UNAVAILABLE, "nothing was written, retry", and the client's retry appended the status a second time.
        Map<ReadFault, String> faults = Map.of(ReadFault.LOSE_CONNECTION, "the database became unreachable",
                ReadFault.OUTLAST_STATEMENT_TIMEOUT, "the database cancelled the read after the statement timeout of 1 s");
        for (var fault : faults.entrySet()) {
            long commitment = DB.newCommitment("AGREED");
            FaultyGraphReader.failNextHistoryRead(fault.getKey());
            // The operation is found by its name among the document's two.
            var response = given().contentType("application/json").header("Authorization", "Bearer " + Tokens.forRole("editor"))
                    .body(Map.of("query", "query Before { __typename }\n" + STATUS_UPDATE, "operationName", "UpdateStatus",
                            "variables", Map.of("input", statusUpdate(commitment))))
                    .when().post("/graphql").then().statusCode(200).extract().jsonPath();
            var error = Errors.single(response, ErrorCodes.WRITE_COMMITTED_READ_FAILED);
            assertEquals(written(fault.getValue()), error.get("message"), fault.getKey().name());
            assertEquals(List.of("updateCommitmentStatus", "commitment", "statusHistory"), response.getList("errors[0].path"));
            assertNotNull(response.getString("errors[0].extensions.correlationId"));
            // statusHistory is non-null, so the payload is null as GraphQL requires: the message is what the client has.
            assertNull(response.get("data.updateCommitmentStatus"));
            assertEquals(List.of("AGREED", "IN_PROGRESS"), DB.statuses(commitment), fault.getKey() + ": written, once");
        }
    }

    @Test
    void aMutationSentOverAWebSocketWhoseResultCannotBeReadAfterItsCommitSaysItWasWritten() throws Exception {
        long commitment = DB.newCommitment("AGREED");
        FaultyGraphReader.failNextHistoryRead(ReadFault.LOSE_CONNECTION);
        try (GraphQLWs ws = GraphQLWs.connectAs(Tokens.forRole("editor"))) {
            ws.subscribe("write", STATUS_UPDATE, Map.of("input", statusUpdate(commitment)));
            var result = ws.next("write");
            assertEquals("next", result.getString("type"), result.encode());
            var errors = result.getJsonObject("payload").getJsonArray("errors");
            assertEquals(1, errors.size(), result.encode());
            assertEquals(ErrorCodes.WRITE_COMMITTED_READ_FAILED, errors.getJsonObject(0).getJsonObject("extensions").getString("code"));
            assertEquals(written("the database became unreachable"), errors.getJsonObject(0).getString("message"));
            assertEquals("complete", ws.next("write").getString("type"));
        }
        assertEquals(List.of("AGREED", "IN_PROGRESS"), DB.statuses(commitment));
    }

    @Test
    void aMutationWhoseResultFailsOnAFaultOfTheServerAfterItsCommitSaysItWasWritten() throws SQLException {
        // An INTERNAL there said nothing of the write: a client could take it for a refusal and send the write again.
        long commitment = DB.newCommitment("AGREED");
        FaultyGraphReader.failNextPartiesBatch();
        var response = GraphQL.as(Tokens.forRole("editor"), GraphQL.load("update-commitment-status-parties"), "input",
                statusUpdate(commitment));
        var error = Errors.single(response, ErrorCodes.WRITE_COMMITTED_READ_FAILED);
        assertEquals(written("a fault on the server"), error.get("message"));
        assertEquals(List.of("updateCommitmentStatus", "commitment", "parties"), response.getList("errors[0].path"));
        String id = response.getString("errors[0].extensions.correlationId");
        var line = log.records().stream().filter(r -> String.valueOf(formatted(r)).contains(id)).findFirst();
        assertTrue(line.isPresent(), "no log line names " + id);
        assertTrue(line.get().getLevel().intValue() >= Level.SEVERE.intValue(), "a fault of the server's is logged as an error");
        assertNotNull(line.get().getThrown(), "with its stack trace");
        assertEquals(List.of("AGREED", "IN_PROGRESS"), DB.statuses(commitment), "written, once");
    }

    static String place(long dialogue) throws SQLException {
        try (var c = DB.connect(); var s = c.createStatement(); var rs = s.executeQuery("select place from dialogue where id = " + dialogue)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aMutationThatLosesTheDatabaseBeforeItCommitsSaysNothingWasWritten() throws SQLException {
        // The failure is at the mutation's root field: its transaction rolled back, so retrying is right.
        String place = place(1);
        try (var failing = DB.failDialogueUpdatesTo("Unreachable", "08006")) {
            var response = GraphQL.as(Tokens.forRole("editor"), GraphQL.load("editorial-update-dialogue"), "input",
                    Map.of("dialogueId", Ids.base64("Dialogue:1"), "place", "Unreachable"));
            var error = Errors.single(response, ErrorCodes.SERVICE_UNAVAILABLE);
            assertEquals("The database is unreachable right now: nothing was written. Retry later.", error.get("message"));
            assertEquals(List.of("updateDialogue"), response.getList("errors[0].path"));
        }
        assertEquals(place, place(1));
    }

    @Test
    void aWriteCancelledByTheStatementTimeoutSaysNothingWasWrittenNotToAskForLessData() throws SQLException {
        String place = place(1);
        try (var slow = DB.delayDialogueUpdatesTo("Slow")) {
            var response = GraphQL.as(Tokens.forRole("editor"), GraphQL.load("editorial-update-dialogue"), "input",
                    Map.of("dialogueId", Ids.base64("Dialogue:1"), "place", "Slow"));
            var error = Errors.single(response, ErrorCodes.TIMEOUT);
            assertEquals("The database cancelled this write after the statement timeout of 1 s: nothing was written."
                    + " Retry later.", error.get("message"));
            assertEquals(List.of("updateDialogue"), response.getList("errors[0].path"));
        }
        assertEquals(place, place(1));
    }

    @Test
    void anImportThatLosesTheDatabaseWhileReadingItsDialogueBackWritesNothing() throws Exception {
        // importDialogue read its dialogue back after the import had committed, so a connection lost there said
        // "nothing was written" of an import that was. The read is now in the import's transaction.
        var export = GraphQL.file("export-dialogue", "id", Ids.base64("Dialogue:1"));
        assertNull(export.get("errors"), export.prettify());
        Map<String, Object> document = new HashMap<>(export.getMap("data.exportDialogue"));
        Map<String, Object> dialogue = new HashMap<>(export.getMap("data.exportDialogue.dialogue"));
        String place = place(1);
        dialogue.put("place", "Agra");
        document.put("dialogue", dialogue);
        var before = DB.contents();

        FaultyGraphReader.failNextDialogueRead(ReadFault.LOSE_CONNECTION);
        var response = GraphQL.as(Tokens.forRole("editor"), GraphQL.load("import-dialogue"), "input", Map.of("document", document));
        var error = Errors.single(response, ErrorCodes.SERVICE_UNAVAILABLE);
        assertEquals("The database is unreachable right now: nothing was written. Retry later.", error.get("message"));
        assertEquals(List.of("importDialogue"), response.getList("errors[0].path"));
        assertEquals(place, place(1), "the import was rolled back");
        assertEquals(before, DB.contents());
    }

    @Test
    void aWriteThatWaitsTooLongForARowAnotherWriteHoldsIsToldSoAndWritesNothing() throws Exception {
        // Cancelled by the statement timeout, the wait was TIMEOUT with "Ask for less data", advice for a slow read.
        long commitment = DB.newCommitment("AGREED");
        try (var holder = HeldLocks.open(DB); var sql = holder.createStatement()) {
            sql.execute("select id from commitment where id = " + commitment + " for update");
            var answer = HeldLocks.sendBlockedBy(DB, holder,
                    () -> GraphQL.as(Tokens.forRole("editor"), STATUS_UPDATE, "input", statusUpdate(commitment)));
            var response = HeldLocks.answer(answer);
            holder.rollback();
            var error = Errors.single(response, ErrorCodes.TIMEOUT);
            assertEquals("This write waited longer than the lock timeout of 500 ms for records another write holds locked,"
                    + " and was cancelled: nothing was written. Retry later.", error.get("message"));
            assertEquals(List.of("updateCommitmentStatus"), response.getList("errors[0].path"));
            assertNotNull(response.getString("errors[0].extensions.correlationId"));
        }
        assertEquals(List.of("AGREED"), DB.statuses(commitment));
    }

    private static String formatted(LogRecord record) {
        var params = record.getParameters();
        if (params == null) {
            return record.getMessage();
        }
        try {
            return String.format(record.getMessage(), params);
        } catch (RuntimeException e) {
            return record.getMessage() + " " + List.of(params);
        }
    }
}
