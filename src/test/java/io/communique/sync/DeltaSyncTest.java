package io.communique.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.errors.ErrorCodes;
import io.communique.support.Errors;
import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.communique.support.SqlStatementCounter;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.communique.support.WritableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delta sync against writes of every kind: a mutation, raw SQL inserts and deletes of nodes and of
 * rows that belong to a node, and a transaction that commits after a sync has read past it.
 * Runs on the database of {@link WritableProfile}; every test first reads the feed to its end and checks only what
 * it wrote afterwards.
 */
@QuarkusTest
@TestProfile(WritableProfile.class)
class DeltaSyncTest {

    static final TrackingDatabase DB = WritableProfile.DB;
    static final String CHANGES = GraphQL.load("changes");

    /**
     * Each test starts from the seed as migrated: a full sync walked in pages is sent tombstones
     * of nodes other tests deleted (positions after its first token), so the walk's "no tombstones"
     * only holds on a database nobody has deleted from.
     */
    @BeforeEach
    void startFromTheSeed() throws SQLException {
        DB.restoreFirstState();
    }

    /** What a client holds after applying pages: live node ids, and the tombstones it was sent. */
    record Synced(List<String> nodes, List<String> tombstones, String token, int pages) {
    }

    static JsonPath page(String since, Integer first) {
        var response = GraphQL.query(CHANGES, "since", since, "first", first);
        assertNull(response.get("errors"), response.prettify());
        return response;
    }

    /** Reads pages of {@code size} from {@code since} until {@code hasMore} is false. */
    static Synced drain(String since, int size) {
        List<String> nodes = new ArrayList<>();
        List<String> tombstones = new ArrayList<>();
        String token = since;
        int pages = 0;
        boolean more = true;
        while (more) {
            var response = page(token, size);
            List<String> ids = response.getList("data.changes.nodes.id");
            assertTrue(ids.size() + response.getList("data.changes.tombstones").size() <= size, "a page holds at most first changes");
            nodes.addAll(ids);
            tombstones.addAll(response.getList("data.changes.tombstones.id"));
            token = response.getString("data.changes.nextToken");
            more = response.getBoolean("data.changes.hasMore");
            pages++;
            assertTrue(pages < 1000, "the feed must end");
        }
        return new Synced(nodes, tombstones, token, pages);
    }

    static Set<String> allNodeIds() throws SQLException {
        Set<String> ids = new HashSet<>();
        Map<String, String> tables = Map.of("nation", "Nation", "official", "Official", "dialogue", "Dialogue",
                "source_document", "SourceDocument", "statement", "Statement", "commitment", "Commitment",
                "commitment_status_entry", "CommitmentStatusChange", "topic", "Topic", "subject", "Subject");
        try (var c = DB.connect(); var s = c.createStatement()) {
            for (var table : tables.entrySet()) {
                var rs = s.executeQuery("select id from " + table.getKey());
                while (rs.next()) {
                    ids.add(Ids.base64(table.getValue() + ":" + rs.getLong(1)));
                }
            }
        }
        return ids;
    }

    static long insertTopic(Connection c, String slug) throws SQLException {
        try (var s = c.createStatement()) {
            var rs = s.executeQuery("insert into topic (slug, name) values ('" + slug + "', 'Topic " + slug + "') returning id");
            rs.next();
            return rs.getLong(1);
        }
    }

    static void sql(String statement) throws SQLException {
        try (var c = DB.connect(); var s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void changesComeInTransactionOrderWhenTheTransactionIdGainsADigit() throws SQLException {
        // Tombstones written by transactions 9, 10 and 11, before every real change: as text "10" < "11" < "9".
        sql("insert into node_change (node_type, node_key, xid, seq, deleted_at) values"
                + " ('Topic', 900000009, '9', 1, now()), ('Topic', 900000010, '10', 2, now()),"
                + " ('Topic', 900000011, '11', 3, now())");
        var walk = drain(new SyncToken(1, 0).encode(), 1);
        assertEquals(List.of(Ids.base64("Topic:900000009"), Ids.base64("Topic:900000010"), Ids.base64("Topic:900000011")),
                walk.tombstones(), "in the order the transactions ran, none skipped");
    }

    @Test
    void aFullSyncInSmallPagesHoldsEveryNodeOnceAcrossPageBoundaries() throws SQLException {
        var synced = drain(null, 7);
        Set<String> expected = allNodeIds();
        assertTrue(expected.size() > 80, "the seed has nodes of every type: " + expected.size());
        assertEquals(expected, new HashSet<>(synced.nodes()), "every node, and only nodes that exist");
        assertEquals(synced.nodes().size(), new HashSet<>(synced.nodes()).size(), "no node twice in one pass");
        assertTrue(synced.pages() >= expected.size() / 7, "paged: " + synced.pages());
        assertEquals(List.of(), synced.tombstones(), "a full sync needs no tombstones");

        // The same walk in one big page each time gives the same set.
        var big = drain(null, 100);
        assertEquals(expected, new HashSet<>(big.nodes()));
        assertTrue(page(big.token(), 100).getList("data.changes.nodes").isEmpty(), "nothing changed since");
    }

    @Test
    void aNodeChangedBehindAPagedSyncComesAgainAndOneDeletedAheadComesAsATombstone() throws SQLException {
        long passed;
        long ahead;
        try (var c = DB.connect()) {
            passed = insertTopic(c, "passed-" + System.nanoTime());
            ahead = insertTopic(c, "ahead-" + System.nanoTime());
        }
        String passedId = Ids.base64("Topic:" + passed);
        String aheadId = Ids.base64("Topic:" + ahead);
        // Walk to just past the first topic, so the second is on a page still to come.
        String token = null;
        List<String> seen = new ArrayList<>();
        while (!seen.contains(passedId)) {
            var response = page(token, 1);
            seen.addAll(response.getList("data.changes.nodes.id"));
            token = response.getString("data.changes.nextToken");
            assertTrue(response.getBoolean("data.changes.hasMore"), "the walk must reach the topic before the end");
        }
        assertFalse(seen.contains(aheadId));

        sql("update topic set name = 'Renamed while a client was syncing' where id = " + passed);
        sql("delete from topic where id = " + ahead);
        var rest = drain(token, 3);
        assertTrue(rest.nodes().contains(passedId), "a node changed behind the walk comes again");
        assertFalse(rest.nodes().contains(aheadId));
        assertEquals(List.of(aheadId), rest.tombstones(), "a node deleted ahead of the walk is dropped, by tombstone");
        assertEquals(1, rest.nodes().stream().filter(passedId::equals).count());
    }

    @Test
    void aSyncAfterWritesReturnsExactlyTheChangedNodesAndTombstones() throws SQLException {
        long commitment = DB.newCommitment("AGREED");
        String commitmentId = Ids.base64("Commitment:" + commitment);
        var start = drain(null, 100);
        assertTrue(start.nodes().contains(commitmentId));

        // A mutation: the commitment and its new status entry, nothing else.
        var mutation = GraphQL.as(Tokens.forRole("editor"), GraphQL.load("update-commitment-status"), "input", Map.of(
                "commitmentId", commitmentId, "status", "IN_PROGRESS", "asOf", "2024-03-01",
                "evidence", Map.of("statementId", Ids.base64("Statement:14"),
                        "sources", List.of(Map.of("url", "https://example.org/sync", "title", "Deliveries begin")))));
        assertNull(mutation.get("errors"), mutation.prettify());
        String entryId = mutation.getString("data.updateCommitmentStatus.statusChange.id");
        var afterMutation = drain(start.token(), 100);
        assertEquals(Set.of(commitmentId, entryId), new HashSet<>(afterMutation.nodes()));
        assertEquals(List.of(), afterMutation.tombstones());

        // Raw SQL: a new node...
        long topic;
        try (var c = DB.connect()) {
            topic = insertTopic(c, "sync-" + commitment);
        }
        String topicId = Ids.base64("Topic:" + topic);
        var afterInsert = drain(afterMutation.token(), 100);
        assertEquals(List.of(topicId), afterInsert.nodes());

        // ...a row that belongs to two nodes (they both change), then the node deleted.
        var before = updatedAt(commitmentId);
        sql("insert into commitment_topic (commitment_id, topic_id) values (" + commitment + ", " + topic + ")");
        var afterLink = drain(afterInsert.token(), 100);
        assertEquals(Set.of(commitmentId, topicId), new HashSet<>(afterLink.nodes()));
        assertTrue(updatedAt(commitmentId).isAfter(before), "a new topic link moves the commitment's updatedAt");

        sql("delete from commitment_topic where topic_id = " + topic);
        sql("delete from topic where id = " + topic);
        var afterDelete = drain(afterLink.token(), 100);
        assertEquals(List.of(commitmentId), afterDelete.nodes(), "the commitment lost a topic");
        assertEquals(List.of(topicId), afterDelete.tombstones());
        var tombstone = page(afterLink.token(), 100);
        assertEquals("Topic", tombstone.getString("data.changes.tombstones[0].type"));
        assertNotNull(tombstone.getString("data.changes.tombstones[0].deletedAt"));

        var quiet = page(afterDelete.token(), 100);
        assertEquals(List.of(), quiet.getList("data.changes.nodes"));
        assertEquals(List.of(), quiet.getList("data.changes.tombstones"));
        assertEquals(afterDelete.token(), quiet.getString("data.changes.nextToken"), "no change, same place");
        assertFalse(quiet.getBoolean("data.changes.hasMore"));
    }

    @Test
    void aStatementWriteSendsOnlyTheStatementsWhoseNumberMoved() throws SQLException {
        // Renumbering rewrote every statement of the document, so each statement write re-sent all of them.
        var start = drain(null, 100);
        String last = createStatement(3740, 3745);
        assertEquals(List.of(last), statements(drain(start.token(), 100).nodes()), "after the last: nothing else moved");

        var beforeFirst = drain(null, 100);
        String first = createStatement(1, 5);
        List<String> sent = statements(drain(beforeFirst.token(), 100).nodes());
        assertEquals(25, sent.size(), "before the first: every other statement's number moved: " + sent);
        assertTrue(sent.contains(first) && sent.contains(last), sent.toString());
    }

    private static String createStatement(int start, int end) {
        var created = GraphQL.as(Tokens.forRole("editor"), GraphQL.load("editorial-create-statement"), "input", Map.of(
                "dialogueId", Ids.base64("Dialogue:1"), "documentId", Ids.base64("SourceDocument:1"), "start", start, "end", end,
                "kind", "SUMMARY"));
        assertNull(created.get("errors"), created.prettify());
        return created.getString("data.createStatement.statement.id");
    }

    private static List<String> statements(List<String> nodes) {
        return nodes.stream().filter(id -> new String(java.util.Base64.getUrlDecoder().decode(id)).startsWith("Statement:")).toList();
    }

    @Test
    void aTransactionThatCommitsAfterASyncIsInTheNextSync() throws SQLException {
        String token = drain(null, 100).token();
        try (var slow = DB.connect(); var fast = DB.connect()) {
            slow.setAutoCommit(false);
            // The slow writer takes its place in the change order first...
            long late = insertTopic(slow, "late-" + System.nanoTime());
            // ...a fast writer commits after it...
            long early = insertTopic(fast, "early-" + System.nanoTime());
            // ...and a client syncs while the slow one is still open. A "newer than the last value seen"
            // token would now stand past the slow writer's change, which is about to become visible.
            var during = drain(token, 100);
            assertFalse(during.nodes().contains(Ids.base64("Topic:" + late)), "uncommitted work is invisible");
            slow.commit();

            var after = drain(during.token(), 100);
            Set<String> seen = new HashSet<>(during.nodes());
            seen.addAll(after.nodes());
            assertTrue(after.nodes().contains(Ids.base64("Topic:" + late)), "the late commit is not skipped: " + after);
            assertTrue(seen.contains(Ids.base64("Topic:" + early)), "the early commit is seen too: " + seen);
        }
    }

    @Test
    void aSyncCostsTwoStatementsPlusOnePerNodeTypeOnThePage() throws SQLException {
        int nodes = allNodeIds().size();
        SqlStatementCounter.reset();
        var response = page(null, 100);
        Set<String> types = new HashSet<>(response.getList("data.changes.nodes.__typename"));
        assertEquals(Math.min(100, nodes), response.getList("data.changes.nodes").size());
        assertTrue(types.size() >= 3, types.toString());
        assertTrue(SqlStatementCounter.count() <= 2 + types.size(),
                SqlStatementCounter.count() + " statements: " + SqlStatementCounter.statements());
    }

    @Test
    void aTokenThatThisServerDidNotIssueIsBadUserInputNamingTheArgument() {
        String real = page(null, 1).getString("data.changes.nextToken");
        String future = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("sync1:999999999999:1".getBytes(StandardCharsets.US_ASCII));
        for (String bad : List.of("not-a-token", real.substring(0, real.length() - 2), real + "AA", future,
                Base64.getUrlEncoder().encodeToString("sync9:1:1".getBytes(StandardCharsets.US_ASCII)))) {
            var response = GraphQL.query(CHANGES, "since", bad);
            var error = Errors.single(response, ErrorCodes.BAD_USER_INPUT);
            assertTrue(error.get("message").toString().contains("'since'"), error.toString());
        }
        // Worded as a connection's page size is, so that a client shows one message for both.
        assertEquals("Argument 'first' on the 'changes' field is 101, which exceeds the limit of 100 changes.",
                Errors.single(GraphQL.query(CHANGES, "first", 101), ErrorCodes.BAD_USER_INPUT).get("message"));
        assertEquals("Argument 'first' on the 'changes' field must not be negative, got -1.",
                Errors.single(GraphQL.query(CHANGES, "first", -1), ErrorCodes.BAD_USER_INPUT).get("message"));
    }

    static OffsetDateTime updatedAt(String id) {
        var response = GraphQL.query("query($id: ID!) { node(id: $id) { createdAt updatedAt } }", "id", id);
        assertNull(response.get("errors"), response.prettify());
        var created = OffsetDateTime.parse(response.getString("data.node.createdAt"));
        var updated = OffsetDateTime.parse(response.getString("data.node.updatedAt"));
        assertFalse(updated.isBefore(created));
        return updated;
    }
}
