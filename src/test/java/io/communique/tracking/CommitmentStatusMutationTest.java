package io.communique.tracking;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.Errors;
import io.communique.support.GraphQL;
import io.communique.support.GraphQLWs;
import io.communique.support.Ids;
import io.communique.support.Race;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.communique.support.StatusUpdates;
import io.communique.support.WritableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recording how a commitment fares: who may, what is checked, and that a refused change writes
 * nothing. Runs on the database of {@link WritableProfile}, from the seed; every test arranges the commitment it changes.
 */
@QuarkusTest
@TestProfile(WritableProfile.class)
class CommitmentStatusMutationTest {

    static final TrackingDatabase DB = WritableProfile.DB;
    static final String MUTATION = StatusUpdates.MUTATION;
    static final String QUOTE = StatusUpdates.EVIDENCE;

    static Map<String, Object> input(long commitment, String status, Object... more) {
        return StatusUpdates.input(commitment, status, more);
    }

    static JsonPath update(String token, Map<String, Object> input) {
        return GraphQL.as(token, MUTATION, "input", input);
    }

    /** Sends a mutation that must be refused with {@code code}, and checks that no table changed. */
    static JsonPath refused(String code, String token, Map<String, Object> input) throws SQLException {
        var before = DB.contents();
        var response = update(token, input);
        assertEquals(code, response.getString("errors[0].extensions.code"), response.prettify());
        assertNull(response.get("data.updateCommitmentStatus"), "a refused mutation's field is null");
        assertEquals(before, DB.contents(), "a refused write must leave every table unchanged");
        return response;
    }

    static final String WITH_PAYLOAD_ARGUMENTS = GraphQL.load("update-commitment-status-payload-arguments");

    /** The mutation with arguments in its payload: {@code first} and {@code speaker} for the commitment's statements. */
    static JsonPath updateAsking(String token, long commitment, Integer first, List<String> speaker, boolean withActor) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("input", input(commitment, "IN_PROGRESS"));
        variables.put("first", first);
        variables.put("speaker", speaker);
        variables.put("withActor", withActor);
        return given().contentType("application/json").header("Authorization", "Bearer " + token)
                .body(Map.of("query", WITH_PAYLOAD_ARGUMENTS, "variables", variables))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    /** The database is shared with the other classes of {@link WritableProfile}: start from the seed. */
    @BeforeAll
    static void startFromTheSeed() throws SQLException {
        WritableProfile.startFromTheSeed();
    }

    @Test
    void aMutationWhosePayloadWouldFailOnItsArgumentsIsRefusedBeforeItWritesAnything() throws SQLException {
        // The payload is read after the commit. A bad argument there was BAD_USER_INPUT with a null payload, which
        // reads as refused, though the status was written: corrected and sent again, it was written twice.
        long key = DB.newCommitment("AGREED");
        var before = DB.contents();

        var negative = updateAsking(Tokens.forRole("editor"), key, -1, null, false);
        var error = Errors.single(negative, "BAD_USER_INPUT");
        assertEquals("Argument 'first' on the 'Commitment.statements' connection must not be negative, got -1.",
                error.get("message"));
        assertEquals(List.of("updateCommitmentStatus", "commitment", "statements"), negative.getList("errors[0].path"));
        assertEquals(8, negative.getInt("errors[0].locations[0].line"), negative.prettify());
        assertNull(negative.get("data"), "refused before execution: no field ran");

        var unknownSpeaker = updateAsking(Tokens.forRole("editor"), key, 5, List.of(Ids.base64("Official:999999")), false);
        Errors.single(unknownSpeaker, "BAD_USER_INPUT");
        assertTrue(unknownSpeaker.getString("errors[0].message").contains("filter.speaker"), unknownSpeaker.prettify());

        assertEquals(before, DB.contents(), "nothing was written");
        assertEquals(List.of("AGREED"), DB.statuses(key));
    }

    @Test
    void overAWebSocketAMutationWhosePayloadWouldFailIsRefusedBeforeItWritesAnything() throws Exception {
        long key = DB.newCommitment("AGREED");
        var before = DB.contents();
        Map<String, Object> variables = new HashMap<>();
        variables.put("input", input(key, "IN_PROGRESS"));
        variables.put("first", 101);
        variables.put("withActor", false);
        try (GraphQLWs ws = GraphQLWs.connectAs(Tokens.forRole("editor"))) {
            ws.subscribe("write", WITH_PAYLOAD_ARGUMENTS, variables);
            JsonObject refused = ws.next("write");
            // A request error, as for a limit: "error", and nothing more for that id.
            assertEquals("error", refused.getString("type"), refused.encode());
            JsonObject error = refused.getJsonArray("payload").getJsonObject(0);
            assertEquals("BAD_USER_INPUT", error.getJsonObject("extensions").getString("code"), refused.encode());
            assertTrue(error.getString("message").contains("'first' on the 'Commitment.statements' connection"), refused.encode());
        }
        assertEquals(before, DB.contents(), "nothing was written");
    }

    @Test
    void aMutationWhosePayloadAsksForWhatTheCallersRoleMayNotReadIsRefusedBeforeItWritesAnything() throws SQLException {
        long key = DB.newCommitment("AGREED");
        var before = DB.contents();

        var forbidden = updateAsking(Tokens.forRole("editor"), key, 5, null, true);
        Errors.single(forbidden, "FORBIDDEN");
        // Below the list of history entries the path would need an index: the location says where.
        assertNull(forbidden.get("errors[0].path"), forbidden.prettify());
        assertEquals(14, forbidden.getInt("errors[0].locations[0].line"), forbidden.prettify());
        assertEquals(before, DB.contents(), "nothing was written");

        // The same payload for a caller who may read it: written once, and read back in full.
        var written = updateAsking(Tokens.forRole("admin"), key, 5, List.of(), true);
        assertNull(written.get("errors"), written.prettify());
        assertEquals("IN_PROGRESS", written.getString("data.updateCommitmentStatus.commitment.status"));
        assertEquals("admin@tests.communique.example", written.getString("data.updateCommitmentStatus.commitment.history.nodes[0].actor"));
        assertEquals(List.of("AGREED", "IN_PROGRESS"), DB.statuses(key));
    }

    @Test
    void anEditorRecordsAnEvidencedStatusAndEveryWriteIsAudited() throws SQLException {
        long key = DB.newCommitment("AGREED");
        var response = update(Tokens.forRole("editor"), input(key, "IN_PROGRESS", "note", "First deliveries reported.",
                "clientMutationId", "m-1", "expectedVersion", 0,
                "evidence", Map.of("statementId", QUOTE, "sources", List.of(Map.of("url", "https://example.org/report",
                        "title", "Deliveries begin", "publisher", "Example News", "publishedOn", "2024-02-28")))));
        assertNull(response.get("errors"), response.prettify());
        assertEquals("m-1", response.getString("data.updateCommitmentStatus.clientMutationId"));
        assertEquals("IN_PROGRESS", response.getString("data.updateCommitmentStatus.commitment.status"));
        assertEquals(1, response.getInt("data.updateCommitmentStatus.commitment.version"));
        assertEquals(List.of("AGREED", "IN_PROGRESS"), response.getList("data.updateCommitmentStatus.commitment.statusHistory.status"));
        assertEquals(QUOTE, response.getString("data.updateCommitmentStatus.statusChange.evidence.id"));
        assertEquals("Example News", response.getString("data.updateCommitmentStatus.statusChange.sources[0].publisher"));
        assertNotNull(response.getString("data.updateCommitmentStatus.statusChange.recordedAt"));

        try (var c = DB.connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("select actor, action, before ->> 'status', after ->> 'status', after ->> 'version'"
                    + " from audit_entry where node_type = 'Commitment' and node_key = " + key);
            assertTrue(rs.next(), "the write is in the audit trail");
            assertEquals("editor@tests.communique.example", rs.getString(1));
            assertEquals("updateCommitmentStatus", rs.getString(2));
            assertEquals("AGREED", rs.getString(3));
            assertEquals("IN_PROGRESS", rs.getString(4));
            assertEquals("1", rs.getString(5));
            assertFalse(rs.next());
        }
    }

    @Test
    void everyWriteIsInTheNodesPublicHistoryAndInTheAdminsAuditLog() throws SQLException {
        long key = DB.newCommitment("AGREED");
        String id = Ids.base64("Commitment:" + key);
        assertNull(update(Tokens.forRole("editor"), input(key, "IN_PROGRESS")).get("errors"));

        var history = GraphQL.query("query($id: ID!) { commitment(id: $id) { history(first: 10) { totalCount"
                + " nodes { action nodeId before after occurredAt } } } }", "id", id);
        assertNull(history.get("errors"), history.prettify());
        assertEquals(1, history.getInt("data.commitment.history.totalCount"));
        assertEquals("updateCommitmentStatus", history.getString("data.commitment.history.nodes[0].action"));
        assertEquals(id, history.getString("data.commitment.history.nodes[0].nodeId"));
        assertTrue(history.getString("data.commitment.history.nodes[0].before").contains("AGREED"));
        assertTrue(history.getString("data.commitment.history.nodes[0].after").contains("IN_PROGRESS"));

        // Who wrote is for admins only, whether read through a node's history or the log.
        var actorQuery = "query($id: ID!) { commitment(id: $id) { history(first: 10) { nodes { actor } } } }";
        assertEquals("UNAUTHENTICATED", GraphQL.query(actorQuery, "id", id).getString("errors[0].extensions.code"));
        assertEquals("FORBIDDEN", GraphQL.as(Tokens.forRole("editor"), actorQuery, "id", id).getString("errors[0].extensions.code"));
        assertEquals("editor@tests.communique.example", GraphQL.as(Tokens.forRole("admin"), actorQuery, "id", id)
                .getString("data.commitment.history.nodes[0].actor"));

        String log = "{ auditLog(last: 100) { nodes { action nodeId actor } } }";
        assertEquals("FORBIDDEN", GraphQL.as(Tokens.forRole("editor"), log).getString("errors[0].extensions.code"));
        assertEquals("UNAUTHENTICATED", GraphQL.query(log).getString("errors[0].extensions.code"));
        var entries = GraphQL.as(Tokens.forRole("admin"), log);
        assertNull(entries.get("errors"), entries.prettify());
        List<Map<String, String>> mine = entries.getList("data.auditLog.nodes.findAll { it.nodeId == '" + id + "' }");
        assertEquals(1, mine.size());
        assertEquals("editor@tests.communique.example", mine.get(0).get("actor"));
    }

    @Test
    void aTokenThatDoesNotVerifyIsRefusedWith401AndWritesNothing() throws SQLException {
        // Every such token came back 500 INTERNAL, logged as a server fault with its stack trace: the route's
        // failure handler took Quarkus's authentication failure for a fault of its own.
        long key = DB.newCommitment("AGREED");
        Map<String, String> expected = Map.of(
                "not-a-jwt", "The bearer token does not verify: it is malformed, or not signed by the trusted issuer's key.",
                Tokens.signedByAStranger("editor"), "The bearer token does not verify: it is malformed, or not signed by the trusted issuer's key.",
                Tokens.expired("editor"), "The bearer token has expired: get a new one.");
        for (var token : expected.entrySet()) {
            var before = DB.contents();
            var response = given().contentType(ContentType.JSON).accept("application/graphql-response+json")
                    .header("Authorization", "Bearer " + token.getKey())
                    .body(Map.of("query", MUTATION, "variables", Map.of("input", input(key, "IN_PROGRESS"))))
                    .when().post("/graphql")
                    .then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .extract().jsonPath();
            assertEquals("UNAUTHENTICATED", response.getString("errors[0].extensions.code"), response.prettify());
            assertEquals(token.getValue(), response.getString("errors[0].message"));
            assertNull(response.get("data"));
            assertEquals(before, DB.contents(), "a refused write must leave every table unchanged");
        }
    }

    @Test
    void anonymousAndReaderWritesAreRefusedAndWriteNothing() throws SQLException {
        long key = DB.newCommitment("AGREED");
        var anonymous = refused("UNAUTHENTICATED", null, input(key, "IN_PROGRESS"));
        assertTrue(anonymous.getString("errors[0].message").contains("Bearer"));
        assertEquals(List.of("updateCommitmentStatus"), anonymous.getList("errors[0].path"));
        refused("FORBIDDEN", Tokens.forRole("reader"), input(key, "IN_PROGRESS"));
    }

    /** Sends {@code mutation} (a file of src/test/resources/graphql) that must be refused with {@code code}; nothing may change. */
    static JsonPath refused(String code, String token, String mutation, Map<String, Object> input) throws SQLException {
        var before = DB.contents();
        var response = GraphQL.as(token, GraphQL.load(mutation), "input", input);
        Errors.single(response, code);
        Map<String, Object> data = response.getMap("data");
        assertTrue(data != null && data.values().stream().allMatch(java.util.Objects::isNull), response.prettify());
        assertEquals(before, DB.contents(), "a refused write must leave every table unchanged");
        return response;
    }

    static Map<String, Object> correction(String statusChangeId, Object... more) {
        Map<String, Object> input = new HashMap<>(Map.of("statusChangeId", statusChangeId, "status", "AGREED",
                "evidence", Map.of("statementId", QUOTE)));
        for (int i = 0; i < more.length; i += 2) {
            input.put((String) more[i], more[i + 1]);
        }
        return input;
    }

    @Test
    void theRoleIsCheckedBeforeTheIdsSoAMalformedIdStillGetsUnauthenticatedOrForbidden() throws SQLException {
        // The ids were decoded before the role check: a caller without a token was told about the id, not the token.
        long key = DB.newCommitment("AGREED");
        String reader = Tokens.forRole("reader");
        for (var malformed : List.of(input(key, "IN_PROGRESS", "commitmentId", "zz"),
                input(key, "IN_PROGRESS", "evidence", Map.of("statementId", "zz")))) {
            var anonymous = refused("UNAUTHENTICATED", null, "update-commitment-status", malformed);
            assertTrue(anonymous.getString("errors[0].message").contains("Bearer"), anonymous.prettify());
            refused("FORBIDDEN", reader, "update-commitment-status", malformed);
        }
        for (var malformed : List.of(correction("zzz"), correction(Ids.base64("CommitmentStatusChange:1"),
                "evidence", Map.of("statementId", "zz")))) {
            refused("UNAUTHENTICATED", null, "correct-commitment-status", malformed);
            var editor = refused("FORBIDDEN", Tokens.forRole("editor"), "correct-commitment-status", malformed);
            assertEquals("'correctCommitmentStatus' needs the 'admin' role.", editor.getString("errors[0].message"));
        }
        // With the role, the same ids are bad input naming their argument.
        assertEquals("Argument 'input.commitmentId' is not a valid node id.", refused("BAD_USER_INPUT", Tokens.forRole("editor"),
                "update-commitment-status", input(key, "IN_PROGRESS", "commitmentId", "zz")).getString("errors[0].message"));
        assertEquals("Argument 'input.statusChangeId' is not a valid node id.", refused("BAD_USER_INPUT", Tokens.forRole("admin"),
                "correct-commitment-status", correction("zzz")).getString("errors[0].message"));
    }

    @Test
    void anIdThatNamesNothingIsBadInputNamingItsArgument() throws SQLException {
        // An unknown status change was NOT_FOUND, unlike an unknown commitment or statement in the same inputs.
        String admin = Tokens.forRole("admin");
        assertEquals("Argument 'input.statusChangeId' names no status change.", refused("BAD_USER_INPUT", admin,
                "correct-commitment-status", correction(Ids.base64("CommitmentStatusChange:999999"))).getString("errors[0].message"));
        long key = DB.newCommitment("AGREED");
        assertEquals("Argument 'input.commitmentId' names no commitment.", refused("BAD_USER_INPUT", Tokens.forRole("editor"),
                "update-commitment-status", input(999999, "IN_PROGRESS")).getString("errors[0].message"));
        assertEquals("Argument 'input.evidence.statementId' names no statement.", refused("BAD_USER_INPUT", admin,
                "update-commitment-status", input(key, "IN_PROGRESS", "evidence", Map.of("statementId", Ids.base64("Statement:999999"))))
                .getString("errors[0].message"));
    }

    @Test
    void transitionsFollowTheDocumentedRules() throws SQLException {
        long delivered = DB.newCommitment("DELIVERED");
        var response = refused("BAD_USER_INPUT", Tokens.forRole("editor"), input(delivered, "IN_PROGRESS"));
        assertTrue(response.getString("errors[0].message").contains("'input.status'"), response.prettify());

        long stalled = DB.newCommitment("STALLED");
        assertNull(update(Tokens.forRole("editor"), input(stalled, "IN_PROGRESS")).get("errors"), "a stalled commitment can be revived");
        long agreed = DB.newCommitment("AGREED");
        refused("BAD_USER_INPUT", Tokens.forRole("editor"), input(agreed, "ANNOUNCED"));
    }

    @Test
    void badInputNamesTheArgumentAndWritesNothing() throws SQLException {
        String editor = Tokens.forRole("editor");
        long key = DB.newCommitment("ANNOUNCED");
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("input.asOf", "future date");
        cases.put("input.asOf ", "before the newest entry");
        cases.put("input.evidence", "no evidence");
        cases.put("input.evidence.sources[0].url", "bad url");
        cases.put("input.evidence.statementId", "unknown statement");
        cases.put("input.commitmentId", "id of another type");
        cases.put("input.note", "blank note");
        List<Map<String, Object>> inputs = List.of(
                input(key, "AGREED", "asOf", LocalDate.now().plusDays(2).toString()),
                input(key, "AGREED", "asOf", "2020-01-01"),
                input(key, "AGREED", "evidence", Map.of()),
                input(key, "AGREED", "evidence", Map.of("sources", List.of(Map.of("url", "ftp://nope", "title", "x")))),
                input(key, "AGREED", "evidence", Map.of("statementId", Ids.base64("Statement:999999"))),
                input(key, "AGREED", "commitmentId", QUOTE),
                input(key, "AGREED", "note", "   "));
        int i = 0;
        for (var entry : cases.entrySet()) {
            var response = refused("BAD_USER_INPUT", editor, inputs.get(i++));
            assertTrue(response.getString("errors[0].message").contains("'" + entry.getKey().trim()),
                    entry.getValue() + ": " + response.getString("errors[0].message"));
        }
    }

    @Test
    void aSourceUrlsSchemeIsReadInAnyCaseAndStoredInLowerCase() throws SQLException {
        // Schemes are case-insensitive (RFC 3986 3.1); "HTTP://" was refused, and the database's check knows only lower case.
        long key = DB.newCommitment("AGREED");
        var response = update(Tokens.forRole("editor"), input(key, "IN_PROGRESS", "evidence", Map.of("statementId", QUOTE,
                "sources", List.of(Map.of("url", "HTTP://Example.org/Report", "title", "Deliveries begin")))));
        assertNull(response.get("errors"), response.prettify());
        assertEquals("http://Example.org/Report", response.getString("data.updateCommitmentStatus.statusChange.sources[0].url"));
    }

    @Test
    void aStaleVersionIsAConflictAndWritesNothing() throws SQLException {
        long key = DB.newCommitment("AGREED");
        assertNull(update(Tokens.forRole("editor"), input(key, "IN_PROGRESS", "expectedVersion", 0)).get("errors"));
        var stale = refused("CONFLICT", Tokens.forRole("editor"), input(key, "DELIVERED", "expectedVersion", 0));
        assertTrue(stale.getString("errors[0].message").contains("version 1"));
    }

    @Test
    void concurrentUpdatesOfOneVersionLeaveOneWinnerAndNoSilentLoss() throws Exception {
        long key = DB.newCommitment("AGREED");
        String editor = Tokens.forRole("editor");
        List<JsonPath> sameVersion = Race.of(8, i -> update(editor, input(key, "IN_PROGRESS", "expectedVersion", 0)));
        long winners = sameVersion.stream().filter(r -> r.get("errors") == null).count();
        long conflicts = sameVersion.stream().filter(r -> "CONFLICT".equals(r.getString("errors[0].extensions.code"))).count();
        assertEquals(1, winners);
        assertEquals(7, conflicts, () -> "every loser is told, none is dropped silently: " + sameVersion.stream()
                .filter(r -> r.get("errors") != null && !"CONFLICT".equals(r.getString("errors[0].extensions.code")))
                .map(JsonPath::prettify).toList());

        // Without expectedVersion writers queue on the row: all eight are recorded.
        List<JsonPath> unversioned = Race.of(8, i -> update(editor, input(key, "IN_PROGRESS")));
        assertTrue(unversioned.stream().allMatch(r -> r.get("errors") == null));
        var commitment = GraphQL.query("query($id: ID!) { commitment(id: $id) { version statusHistory { status } } }",
                "id", Ids.base64("Commitment:" + key));
        assertEquals(1 + 1 + 8, commitment.getList("data.commitment.statusHistory").size());
        assertEquals(9, commitment.getInt("data.commitment.version"));
    }

    @Test
    void onlyAnAdminCorrectsAndTheCorrectedEntryStays() throws SQLException {
        long key = DB.newCommitment("DELIVERED");
        String entry = GraphQL.query("query($id: ID!) { commitment(id: $id) { statusHistory { id } } }",
                "id", Ids.base64("Commitment:" + key)).getString("data.commitment.statusHistory[0].id");
        Map<String, Object> correction = Map.of("statusChangeId", entry, "status", "IN_PROGRESS",
                "note", "Delivery was misreported.", "evidence", Map.of("statementId", QUOTE));
        String mutation = GraphQL.load("correct-commitment-status");
        var before = DB.contents();
        assertEquals("FORBIDDEN", GraphQL.as(Tokens.forRole("editor"), mutation, "input", correction)
                .getString("errors[0].extensions.code"));
        assertEquals(before, DB.contents());

        var corrected = GraphQL.as(Tokens.forRole("admin"), mutation, "input", correction);
        assertNull(corrected.get("errors"), corrected.prettify());
        assertEquals("IN_PROGRESS", corrected.getString("data.correctCommitmentStatus.commitment.status"));
        assertEquals(entry, corrected.getString("data.correctCommitmentStatus.statusChange.corrects.id"));
        assertEquals("DELIVERED", corrected.getString("data.correctCommitmentStatus.statusChange.corrects.status"));
        assertEquals("2023-11-10", corrected.getString("data.correctCommitmentStatus.statusChange.asOf"));
    }

    @Test
    void aCorrectionTakesThePlaceOfTheEntryItCorrectsSoALaterEntryOfTheSameDayStillGivesTheStatus() throws SQLException {
        // The correction was dated like the entry it corrects and, as the newest entry of that date, became the
        // current status: correcting X made the commitment AGREED although Y, recorded after X, said STALLED.
        long key = DB.newCommitment("AGREED");
        String editor = Tokens.forRole("editor");
        String admin = Tokens.forRole("admin");
        String mutation = GraphQL.load("correct-commitment-status");
        String first = GraphQL.query("query($id: ID!) { commitment(id: $id) { statusHistory { id } } }",
                "id", Ids.base64("Commitment:" + key)).getString("data.commitment.statusHistory[0].id");
        String x = update(editor, input(key, "IN_PROGRESS")).getString("data.updateCommitmentStatus.statusChange.id");
        var recordedY = update(editor, input(key, "STALLED"));
        String y = recordedY.getString("data.updateCommitmentStatus.statusChange.id");
        assertEquals("STALLED", recordedY.getString("data.updateCommitmentStatus.commitment.status"));

        var correctedX = GraphQL.as(admin, mutation, "input", correction(x, "status", "AGREED"));
        assertNull(correctedX.get("errors"), correctedX.prettify());
        assertEquals("STALLED", correctedX.getString("data.correctCommitmentStatus.commitment.status"),
                "Y was recorded after X: correcting X leaves Y the newest assessment");
        String c1 = correctedX.getString("data.correctCommitmentStatus.statusChange.id");
        // A correction of a correction stands in the same place.
        var correctedC1 = GraphQL.as(admin, mutation, "input", correction(c1, "status", "DELIVERED"));
        assertEquals("STALLED", correctedC1.getString("data.correctCommitmentStatus.commitment.status"), correctedC1.prettify());
        String c2 = correctedC1.getString("data.correctCommitmentStatus.statusChange.id");

        var read = GraphQL.query("query($id: ID!) { commitment(id: $id) { status statusHistory { id status asOf } } }",
                "id", Ids.base64("Commitment:" + key));
        assertEquals("STALLED", read.getString("data.commitment.status"));
        assertEquals(List.of(first, x, c1, c2, y), read.getList("data.commitment.statusHistory.id"),
                "each correction right after what it corrects; the last entry is the current status");

        // Correcting the newest entry does change the status, and the correction is then last.
        var correctedY = GraphQL.as(admin, mutation, "input", correction(y, "status", "ABANDONED"));
        assertEquals("ABANDONED", correctedY.getString("data.correctCommitmentStatus.commitment.status"), correctedY.prettify());
        String c3 = correctedY.getString("data.correctCommitmentStatus.statusChange.id");
        read = GraphQL.query("query($id: ID!) { commitment(id: $id) { status statusHistory { id } } }",
                "id", Ids.base64("Commitment:" + key));
        assertEquals(List.of(first, x, c1, c2, y, c3), read.getList("data.commitment.statusHistory.id"));
        assertEquals("ABANDONED", read.getString("data.commitment.status"));

        // The public history of writes says the same: the corrections of X left the status as it was.
        try (var c = DB.connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("select after ->> 'status' from audit_entry where node_type = 'Commitment' and node_key = " + key
                    + " and action = 'correctCommitmentStatus' order by id");
            List<String> after = new java.util.ArrayList<>();
            while (rs.next()) {
                after.add(rs.getString(1));
            }
            assertEquals(List.of("STALLED", "STALLED", "ABANDONED"), after);
        }
    }

    @Test
    void theDatabaseRefusesToRewriteHistory() throws SQLException {
        long key = DB.newCommitment("AGREED");
        try (var c = DB.connect(); var s = c.createStatement()) {
            var e = assertThrows(SQLException.class,
                    () -> s.execute("update commitment_status_entry set status = 'DELIVERED' where commitment_id = " + key));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            // A row of its own: the guard is a row trigger, which a delete of no rows never fires, and
            // whether other tests wrote audit entries before this one depends on their random order.
            var inserted = s.executeQuery("insert into audit_entry (actor, action, node_type, node_key)"
                    + " values ('test', 'TEST', 'Commitment', " + key + ") returning id");
            inserted.next();
            long audit = inserted.getLong(1);
            var refused = assertThrows(SQLException.class, () -> s.execute("delete from audit_entry where id = " + audit));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }
}
