package io.communique.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.communique.support.GraphQLWs;
import io.communique.support.HeldLocks;
import io.communique.support.Ids;
import io.communique.support.Metrics;
import io.communique.support.OwnDatabaseProfile;
import io.communique.support.RawWebSocket;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.communique.support.StatusUpdates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions over graphql-transport-ws on /graphql, in process: events come from the database's
 * notifications (V10 triggers, {@link EventListener}), whoever wrote the row. Runs on a database of
 * its own, since it writes.
 */
@QuarkusTest
@TestProfile(SubscriptionTest.Writable.class)
class SubscriptionTest {

    static final String DATABASE = "communique_live";
    static final TrackingDatabase DB = new TrackingDatabase(DATABASE);
    static final String WATCH_STATUS = GraphQL.load("subscribe-status-changed");
    static final String WATCH_STATEMENTS = GraphQL.load("subscribe-statement-added");
    static final String MUTATION = StatusUpdates.MUTATION;
    static final String EDITOR = Tokens.forRole("editor");

    public static class Writable extends OwnDatabaseProfile {
        public Writable() {
            super(DATABASE);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("communique.live.subscription-buffer", String.valueOf(BUFFER),
                    "communique.graphql.websocket-max-pending", MAX_PENDING + "K");
        }
    }

    /** Small, so that a burst of a test's size overflows it. */
    static final int BUFFER = 100;
    /** KiB a socket may leave unread (1 MiB by default), small so that a test's burst is past it after the system's buffers. */
    static final int MAX_PENDING = 64;

    @Inject
    LiveEvents events;

    @Inject
    EventListener listener;

    @Inject
    UpgradeDoneProbe upgrades;

    /**
     * Sees what Quarkus's graceful shutdown sees of a WebSocket: whether its upgrade request is done.
     * Keyed by the client's port. Ahead of the drain's route, so it sees every upgrade.
     */
    @ApplicationScoped
    static class UpgradeDoneProbe {
        private final Map<Integer, Boolean> doneByClientPort = new ConcurrentHashMap<>();

        /** Whether the upgrade from this client port is done; null if no upgrade came from it. */
        Boolean done(int clientPort) {
            return doneByClientPort.get(clientPort);
        }

        void install(@Observes Router router) {
            router.route("/graphql").order(SubscriptionDrain.ORDER - 1).handler(ctx -> {
                if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
                    int port = ctx.request().remoteAddress().port();
                    doneByClientPort.put(port, false);
                    QuarkusRequestWrapper.get(ctx.request()).addRequestDoneHandler(ignored -> doneByClientPort.put(port, true));
                }
                ctx.next();
            });
        }
    }

    @Test
    void aBurstOfMoreNoticesThanOneStatementCanBindIsLoadedInFull() {
        // A bulk write announces every row in one burst; PostgreSQL binds at most 65,535 parameters per
        // statement. Rows gone by the time they are read give no event, as for any notice.
        List<Notice> burst = new ArrayList<>();
        burst.add(new Notice.StatementAdded(1, 1));
        for (long key = 0; key < 70_000; key++) {
            burst.add(new Notice.StatementAdded(5_000_000 + key, 1));
        }
        burst.add(new Notice.StatementAdded(2, 1));

        List<LiveEvent> loaded = events.load(burst);

        assertEquals(List.of(1L, 2L), loaded.stream()
                .map(e -> ((LiveEvent.StatementAdded) e).statement().id).toList(),
                "the seed's statements 1 and 2, first and last of the burst, in order");
    }

    @Test
    void noticesNobodyListensToAreNotLoaded() throws SQLException {
        // A subscription hears only what is published after it subscribed, so with none open the rows
        // of a notice would be read for nobody: for the benchmark's dataset load, 75,035 of them, read
        // while the benchmark counted the statements of its requests.
        await().atMost(GraphQLWs.TIMEOUT).until(() -> events.subscribers() == 0);
        long emitted = events.emitted();
        newCommitment();
        assertEquals(emitted, events.emitted(), "no event loaded and emitted for a notice nobody listens to");
    }

    @Test
    void aClosedWebSocketIsNoLongerARequestInFlight() throws Exception {
        // Quarkus 3.33 never marks an upgraded request done, and its graceful shutdown waits for
        // every request not done: one WebSocket, ever, held each later SIGTERM for the full timeout.
        GraphQLWs ws = GraphQLWs.connect();
        int port = ws.localPort();
        subscribe(ws, "1", WATCH_STATUS, Map.of());
        assertEquals(false, upgrades.done(port), "an open WebSocket is in flight");
        ws.close();
        await().atMost(GraphQLWs.TIMEOUT).until(() -> upgrades.done(port));
        await().atMost(GraphQLWs.TIMEOUT).until(() -> events.subscribers() == 0);
    }

    /** Subscribes and waits until the subscription is attached to this instance's event stream. */
    private void subscribe(GraphQLWs ws, String id, String query, Map<String, Object> variables) {
        int before = events.subscribers();
        ws.subscribe(id, query, variables);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() > before);
    }

    /** A commitment of the test's own, once the notice of its first status entry has been dealt with. */
    private long newCommitment() throws SQLException {
        long before = events.handled();
        long key = DB.newCommitment("ANNOUNCED");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.handled() > before);
        return key;
    }

    private static Map<String, Object> filter(String field, Object values) {
        Map<String, Object> filter = new HashMap<>();
        filter.put(field, values);
        return Map.of("filter", filter);
    }

    private static JsonPath update(long commitment, String status, String note) {
        JsonPath response = GraphQL.as(EDITOR, MUTATION, "input", StatusUpdates.input(commitment, status, "note", note));
        assertNull(response.get("errors"), () -> "the mutation failed: " + response.prettify());
        return response;
    }

    private static JsonObject payload(JsonObject message, String field) {
        assertEquals("next", message.getString("type"), () -> "expected a next message: " + message);
        JsonObject payload = message.getJsonObject("payload");
        assertNull(payload.getValue("errors"), () -> "the event carries errors: " + payload);
        return payload.getJsonObject("data").getJsonObject(field);
    }

    @Test
    void aStatusChangeReachesItsSubscriberWithNestedFields() throws Exception {
        long commitment = newCommitment();
        try (GraphQLWs ws = GraphQLWs.connect()) {
            subscribe(ws, "s1", WATCH_STATUS, filter("commitment", List.of(Ids.base64("Commitment:" + commitment))));

            JsonPath written = update(commitment, "AGREED", "Signed in a test");

            JsonObject event = payload(ws.next("s1"), "commitmentStatusChanged");
            assertEquals(written.getString("data.updateCommitmentStatus.statusChange.id"),
                    event.getJsonObject("statusChange").getString("id"));
            assertEquals("AGREED", event.getJsonObject("statusChange").getString("status"));
            assertEquals("Signed in a test", event.getJsonObject("statusChange").getString("note"));
            assertEquals(Ids.base64("Statement:14"),
                    event.getJsonObject("statusChange").getJsonObject("evidence").getString("id"));
            assertEquals("AGREED", event.getJsonObject("commitment").getString("status"));
            assertEquals(written.getInt("data.updateCommitmentStatus.commitment.version"),
                    event.getJsonObject("commitment").getInteger("version"));
            // The arranged commitment has no parties or topics: the batched list fields still resolve.
            assertEquals(new JsonArray(), event.getJsonObject("commitment").getJsonArray("parties"));
        }
    }

    static final String WATCH_HISTORY = "subscription WatchHistory($filter: CommitmentStatusChangedFilter) {"
            + " commitmentStatusChanged(filter: $filter) { commitment { status version updatedAt statusHistory { id note } }"
            + " statusChange { id status note } } }";

    @Test
    void anEventShowsTheCommitmentAsItsEntrysTransactionLeftItEvenWhenLaterWritesCommittedFirst() throws Exception {
        // The event for A was read after B had committed: it said STALLED and A's version, but its statusHistory
        // already ended with B's entry, and a client cache keyed by id stored that contradiction.
        long commitment = newCommitment();
        try (GraphQLWs ws = GraphQLWs.connect(); Connection holder = HeldLocks.open(DB)) {
            subscribe(ws, "cut", WATCH_HISTORY, filter("commitment", List.of(Ids.base64("Commitment:" + commitment))));
            // Reading an event's rows needs commitment_topic (the filters' keys), so while the test holds it
            // the event for A cannot be read before B has committed.
            try (var s = holder.createStatement()) {
                s.execute("lock table commitment_topic in access exclusive mode");
            }
            JsonPath a = update(commitment, "STALLED", "A");
            JsonPath b = update(commitment, "IN_PROGRESS", "B");
            await().atMost(GraphQLWs.TIMEOUT).until(() -> waitsFor(holder));
            holder.rollback();

            JsonObject first = payload(ws.next("cut"), "commitmentStatusChanged");
            JsonObject second = payload(ws.next("cut"), "commitmentStatusChanged");
            assertEquals(a.getString("data.updateCommitmentStatus.statusChange.id"), first.getJsonObject("statusChange").getString("id"));
            assertEquals(b.getString("data.updateCommitmentStatus.statusChange.id"), second.getJsonObject("statusChange").getString("id"));
            assertAsCommitted(first, "STALLED", a.getInt("data.updateCommitmentStatus.commitment.version"), List.of("Arranged by a test", "A"));
            assertAsCommitted(second, "IN_PROGRESS", b.getInt("data.updateCommitmentStatus.commitment.version"),
                    List.of("Arranged by a test", "A", "B"));
            assertTrue(!OffsetDateTime.parse(first.getJsonObject("commitment").getString("updatedAt"))
                    .isAfter(OffsetDateTime.parse(second.getJsonObject("commitment").getString("updatedAt"))), first::encode);
        }
    }

    /** The event's commitment is the one its mutation answered with: that status, that version, that history. */
    private static void assertAsCommitted(JsonObject event, String status, int version, List<String> notes) {
        JsonObject commitment = event.getJsonObject("commitment");
        JsonArray history = commitment.getJsonArray("statusHistory");
        assertEquals(status, commitment.getString("status"), event::encode);
        assertEquals(version, commitment.getInteger("version"), event::encode);
        assertEquals(notes, history.stream().map(e -> ((JsonObject) e).getString("note")).toList(), event::encode);
        assertEquals(event.getJsonObject("statusChange").getString("id"), history.getJsonObject(history.size() - 1).getString("id"));
    }

    /**
     * Whether some backend (the listener's reading of an event) waits for a lock the holder's transaction has.
     * Asked on a connection of its own: a transaction sees pg_stat_activity as it was when it first looked.
     */
    private static boolean waitsFor(Connection holder) throws SQLException {
        int pid;
        try (var s = holder.createStatement(); var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        try (var c = DB.connect(); var s = c.createStatement(); var rs = s.executeQuery("select exists (select 1 from pg_stat_activity"
                + " where " + pid + " = any(pg_blocking_pids(pid)))")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void filtersLetOnlyMatchingChangesThrough() throws Exception {
        long unrelated = newCommitment();
        try (GraphQLWs ws = GraphQLWs.connect()) {
            // Commitment 2 (GE F414) binds IN and US and is about defence; the arranged one has no links.
            subscribe(ws, "defence", WATCH_STATUS, filter("topic", List.of("defence")));
            subscribe(ws, "india", WATCH_STATUS, Map.of("filter", Map.of("nation", List.of("IN", Ids.base64("Nation:2")))));
            subscribe(ws, "space", WATCH_STATUS, filter("topic", List.of("space")));
            subscribe(ws, "all", WATCH_STATUS, Map.of());

            update(unrelated, "AGREED", "Not about defence");
            update(2, "IN_PROGRESS", "Re-assessed: about defence");

            // Events arrive in commit order: the unfiltered subscriber sees both, in order...
            assertEquals(String.valueOf(unrelated), key(payload(ws.next("all"), "commitmentStatusChanged")));
            assertEquals("2", key(payload(ws.next("all"), "commitmentStatusChanged")));
            // ...the filtered ones see the second first, so the first was left out.
            JsonObject defence = payload(ws.next("defence"), "commitmentStatusChanged");
            assertEquals("2", key(defence));
            assertTrue(defence.getJsonObject("commitment").getJsonArray("topics").contains(new JsonObject().put("slug", "defence")));
            assertEquals("2", key(payload(ws.next("india"), "commitmentStatusChanged")));
            assertEquals(0, ws.pending("space"), "no space commitment changed");
            assertEquals(0, ws.pending("defence"));
        }
    }

    private static String key(JsonObject event) {
        String id = event.getJsonObject("commitment").getString("id");
        String decoded = new String(java.util.Base64.getUrlDecoder().decode(id));
        return decoded.substring(decoded.indexOf(':') + 1);
    }

    @Test
    void aStatementInsertedWithSqlReachesTheDialoguesSubscribers() throws Exception {
        try (GraphQLWs ws = GraphQLWs.connect()) {
            subscribe(ws, "st", WATCH_STATEMENTS, Map.of("dialogue", Ids.base64("Dialogue:1")));
            long key;
            try (var c = DB.connect(); var s = c.createStatement()) {
                var rs = s.executeQuery("insert into statement (dialogue_id, document_id, ordinal, span_start, span_end, text, kind)"
                        + " select 1, 1, max(ordinal) + 1, 0, 24, (select substr(content, 1, 24) from source_document where id = 1),"
                        + " 'SUMMARY' from statement where document_id = 1 returning id, text");
                rs.next();
                key = rs.getLong(1);
            }
            JsonObject statement = payload(ws.next("st"), "statementAdded");
            assertEquals(Ids.base64("Statement:" + key), statement.getString("id"));
            assertEquals(Ids.base64("Dialogue:1"), statement.getJsonObject("dialogue").getString("id"));
            assertEquals("SUMMARY", statement.getString("kind"));
        }
    }

    @Test
    void aStatementMovedIntoADialogueReachesItsSubscribers() throws Exception {
        // Only an INSERT was announced: a statement moved into the dialogue joined its list unheard.
        long dialogue;
        long key;
        try (var c = DB.connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("insert into dialogue (title, format, held_on, place, slug) values"
                    + " ('Moved-into dialogue', 'Test', '2024-01-01', 'Nowhere', 'moved-into-" + System.nanoTime() + "')"
                    + " returning id");
            rs.next();
            dialogue = rs.getLong(1);
            rs = s.executeQuery("select min(id) from statement where dialogue_id = 1");
            rs.next();
            key = rs.getLong(1);
        }
        try (GraphQLWs ws = GraphQLWs.connect()) {
            subscribe(ws, "moved", WATCH_STATEMENTS, Map.of("dialogue", Ids.base64("Dialogue:" + dialogue)));
            try (var c = DB.connect(); var s = c.createStatement()) {
                // Another column changed alone is not a move, so the first event must be the move's.
                s.executeUpdate("update statement set text = text where id = " + key);
                s.executeUpdate("update statement set dialogue_id = " + dialogue + " where id = " + key);
            }
            try {
                JsonObject statement = payload(ws.next("moved"), "statementAdded");
                assertEquals(Ids.base64("Statement:" + key), statement.getString("id"));
                assertEquals(Ids.base64("Dialogue:" + dialogue), statement.getJsonObject("dialogue").getString("id"));
            } finally {
                try (var c = DB.connect(); var s = c.createStatement()) {
                    s.executeUpdate("update statement set dialogue_id = 1 where id = " + key);
                }
            }
        }
    }

    @Test
    void aBurstLargerThanTheBufferEndsTheSubscriptionWithSubscriptionOverflow() throws Exception {
        // It ended with INTERNAL, logged as a server fault, after one event of a 5,000-row insert.
        try (GraphQLWs ws = GraphQLWs.connect()) {
            int attached = events.subscribers();
            subscribe(ws, "burst", WATCH_STATEMENTS, Map.of("dialogue", Ids.base64("Dialogue:1")));
            long before = events.handled();
            // Announced at once, in one transaction: twenty times the buffer, each event resolved before the next.
            try (var c = DB.connect(); var s = c.createStatement()) {
                s.executeUpdate("insert into statement (dialogue_id, document_id, ordinal, span_start, span_end, text, kind)"
                        + " select 1, 1, 100000 + g, 1000000 + 10 * g, 1000005 + 10 * g, 'burst', 'SUMMARY'"
                        + " from generate_series(1, " + 20 * BUFFER + ") g");
            }
            int delivered = 0;
            JsonObject message = ws.next("burst");
            while ("next".equals(message.getString("type")) && message.getJsonObject("payload").getJsonArray("errors") == null) {
                delivered++;
                message = ws.next("burst");
            }
            assertEquals("next", message.getString("type"), message::encode);
            JsonObject error = message.getJsonObject("payload").getJsonArray("errors").getJsonObject(0);
            assertEquals("SUBSCRIPTION_OVERFLOW", error.getJsonObject("extensions").getString("code"), message::encode);
            assertEquals("More than " + BUFFER + " events were waiting for this subscription at once, so it ended rather than"
                    + " skip any. Read the current state again, then subscribe again.", error.getString("message"));
            assertTrue(delivered < 20 * BUFFER, delivered + " events delivered");
            assertEquals("complete", ws.next("burst").getString("type"));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == attached);
            // The burst's notices all dealt with before the next test subscribes to this dialogue.
            await().atMost(Duration.ofSeconds(30)).until(() -> events.handled() >= before + 20 * BUFFER);
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedRatherThanQueuedFor() throws Exception {
        // The server queued every event for such a client, without bound, for as long as its socket stayed open.
        // Counted from none: earlier tests' subscriptions end asynchronously, and one of them ending must not pass for this one.
        await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 0);
        int attached = 0;
        int burst = BUFFER - 10; // under the subscription's own buffer: this is about the socket, not SUBSCRIPTION_OVERFLOW
        int textLength = 102_000; // about 9 MB of events in all, past what the operating system buffers on loopback
        try (RawWebSocket ws = RawWebSocket.connect(4096)) {
            ws.send("{\"type\":\"connection_init\"}");
            ws.send(JsonObject.of("id", "slow", "type", "subscribe", "payload", JsonObject.of("query", WATCH_STATEMENTS,
                    "variables", JsonObject.of("dialogue", Ids.base64("Dialogue:1")))).encode());
            await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() > attached);
            long before = events.handled();
            try (var c = DB.connect(); var s = c.createStatement()) {
                s.executeUpdate("insert into statement (dialogue_id, document_id, ordinal, span_start, span_end, text, kind)"
                        + " select 1, 1, 300000 + g, 50000000 + 200000 * g, 50000000 + 200000 * g + " + textLength + ","
                        + " repeat('burst ', " + textLength / 6 + "), 'SUMMARY' from generate_series(1, " + burst + ") g");
            }
            // Without reading a byte: the server gives up on this client instead of holding the rest of the burst.
            await().atMost(Duration.ofSeconds(30)).until(() -> events.subscribers() == attached);
            int[] messages = {0};
            RawWebSocket.Close close = ws.readUntilClose(messages);
            assertEquals(1008, close.code(), close::toString);
            assertEquals("Messages not read: more than " + MAX_PENDING * 1024 + " bytes were waiting. Read the current state"
                    + " again, then subscribe again.", close.reason());
            // connection_ack, then the events that were written before the queue filled up.
            assertTrue(messages[0] > 1 && messages[0] < burst + 1, messages[0] + " messages before the close frame");
            await().atMost(Duration.ofSeconds(30)).until(() -> events.handled() >= before + burst);
        }
    }

    @Test
    void aConditionalRootFieldIsValidationFailedNotInternal() throws Exception {
        // graphql-java's own rule threw on a subscription whose only root field was skipped: INTERNAL, logged as a fault.
        String dialogue = Ids.base64("Dialogue:1");
        try (GraphQLWs ws = GraphQLWs.connect()) {
            ws.subscribe("skip", "subscription Skipped($d: ID!) { statementAdded(dialogueId: $d) @skip(if: true) { id } }",
                    Map.of("d", dialogue));
            ws.subscribe("include", "subscription($d: ID!, $on: Boolean!) { ...Root } fragment Root on Subscription {"
                    + " ... { statementAdded(dialogueId: $d) @include(if: $on) { id } } }", Map.of("d", dialogue, "on", true));
            assertRefused(ws.next("skip"), "Subscription 'Skipped' must not use @skip in its top-level selection:"
                    + " a subscription always has exactly one root field.");
            assertRefused(ws.next("include"), "An anonymous subscription must not use @include in its top-level selection:"
                    + " a subscription always has exactly one root field.");
            // graphql-java's own subscription rules, worded the same way: it called an anonymous operation 'null'.
            ws.subscribe("two", "subscription($d: ID!) { a: statementAdded(dialogueId: $d) { id } b: statementAdded(dialogueId: $d) { id } }",
                    Map.of("d", dialogue));
            assertRefused(ws.next("two"), "An anonymous subscription must have exactly one root field");
            ws.subscribe("typename", "subscription Typename { __typename }", Map.of());
            assertRefused(ws.next("typename"), "Subscription 'Typename' root field '__typename' cannot be an introspection field");
            // Below the root field they are what they are anywhere else.
            subscribe(ws, "nested", "subscription($d: ID!) { statementAdded(dialogueId: $d) { id text @skip(if: true) } }",
                    Map.of("d", dialogue));
            assertEquals(0, ws.pending("nested"));
        }
    }

    private static void assertRefused(JsonObject message, String expected) {
        assertEquals("error", message.getString("type"), message::encode);
        JsonObject error = message.getJsonArray("payload").getJsonObject(0);
        assertEquals("VALIDATION_FAILED", error.getJsonObject("extensions").getString("code"), message::encode);
        assertEquals(expected, error.getString("message"));
        assertEquals(1, error.getJsonArray("locations").size(), message::encode);
    }

    @Test
    void idsThatNameNothingAreBadUserInput() throws Exception {
        try (GraphQLWs ws = GraphQLWs.connect()) {
            ws.subscribe("nation", WATCH_STATUS, filter("nation", List.of("IN", "XX")));
            ws.subscribe("commitment", WATCH_STATUS, filter("commitment", List.of(Ids.base64("Topic:1"))));
            ws.subscribe("topic", WATCH_STATUS, filter("topic", List.of("no-such-topic")));
            ws.subscribe("dialogue", WATCH_STATEMENTS, Map.of("dialogue", Ids.base64("Dialogue:999")));
            expectBadInput(ws, "nation", "filter.nation[1]");
            expectBadInput(ws, "commitment", "filter.commitment[0]");
            expectBadInput(ws, "topic", "filter.topic[0]");
            expectBadInput(ws, "dialogue", "dialogueId");
            assertEquals(0, events.subscribers(), "a refused subscription stays attached to nothing");
        }
    }

    private static void expectBadInput(GraphQLWs ws, String id, String argument) throws InterruptedException {
        JsonObject message = ws.next(id);
        assertEquals("next", message.getString("type"), message::encode);
        JsonObject error = message.getJsonObject("payload").getJsonArray("errors").getJsonObject(0);
        assertEquals("BAD_USER_INPUT", error.getJsonObject("extensions").getString("code"), message::encode);
        assertTrue(error.getString("message").contains(argument), error::encode);
        assertEquals("complete", ws.next(id).getString("type"));
    }

    @Test
    void aSubscriptionOverPlainHttpIsRefused() {
        var response = io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("query", WATCH_STATEMENTS, "variables", Map.of("dialogue", Ids.base64("Dialogue:1"))))
                .post("/graphql");
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("BAD_REQUEST", response.jsonPath().getString("errors[0].extensions.code"));
    }

    @Test
    void limitsApplyToSubscriptions() throws Exception {
        // 2 + 3 levels per repetition + 3: 26 levels, over the limit of 20.
        String deep = "subscription Deep { commitmentStatusChanged { commitment { "
                + "statements(first: 1) { nodes { commitments { ".repeat(7) + "statements(first: 1) { nodes { id } }"
                + " }".repeat(3 * 7) + " } } }";
        try (GraphQLWs ws = GraphQLWs.connect()) {
            ws.subscribe("deep", deep, Map.of());
            JsonObject message = ws.next("deep");
            assertEquals("error", message.getString("type"), message::encode);
            assertEquals("QUERY_TOO_DEEP",
                    message.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"));
        }
    }

    static final String EVENTS_INTERRUPTED_BY_THE_LISTENER = "This instance lost its connection to the database's events,"
            + " so changes committed until it has it again would never reach this subscription: it ended rather than"
            + " skip them silently. Read the current state again, then subscribe again.";

    @Test
    void aLostListenerConnectionEndsEverySubscriptionWithEventsInterruptedAndRefusesNewOnesUntilItListensAgain()
            throws Exception {
        // The subscriptions stayed open and silent: what was committed until LISTEN was issued again never came,
        // nothing said so, and subscriptions made meanwhile were accepted deaf.
        long commitment = newCommitment();
        String id = Ids.base64("Commitment:" + commitment);
        // On another database of the server: a database cannot disallow connections from inside.
        try (GraphQLWs ws = GraphQLWs.connect(); Connection admin = new TrackingDatabase("postgres").connect()) {
            subscribe(ws, "open", WATCH_STATUS, filter("commitment", List.of(id)));
            subscribe(ws, "statements", WATCH_STATEMENTS, Map.of("dialogue", Ids.base64("Dialogue:1")));
            int before = listenerBackend();
            try {
                // Keeps the listener from connecting again until the test has seen what a subscriber sees meanwhile;
                // the pool's connections stay open.
                execute(admin, "alter database " + DATABASE + " allow_connections false");
                execute(admin, "select pg_terminate_backend(" + before + ")");

                assertEndedWith(ws, "open", "EVENTS_INTERRUPTED", EVENTS_INTERRUPTED_BY_THE_LISTENER);
                assertEndedWith(ws, "statements", "EVENTS_INTERRUPTED", EVENTS_INTERRUPTED_BY_THE_LISTENER);
                assertFalse(listener.listening());
                assertEquals(0.0, Metrics.value(Metrics.scrape(), "communique_live_listening"));

                ws.subscribe("deaf", WATCH_STATUS, Map.of());
                assertEndedWith(ws, "deaf", "SERVICE_UNAVAILABLE", "This instance is not receiving the database's events"
                        + " right now (it is reconnecting), so the subscription was not started rather than miss some."
                        + " Subscribe again in a few seconds.");
                assertEquals(0, events.subscribers(), "no subscription attached while nothing is heard");
            } finally {
                execute(admin, "alter database " + DATABASE + " allow_connections true");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                int now = listenerBackend();
                return now != 0 && now != before && listener.listening();
            });
            subscribe(ws, "after", WATCH_STATUS, filter("commitment", List.of(id)));
            update(commitment, "IN_PROGRESS", "After the listener came back");
            assertEquals("IN_PROGRESS", payload(ws.next("after"), "commitmentStatusChanged")
                    .getJsonObject("statusChange").getString("status"));
        }
    }

    @Test
    void eventsWhoseRowsCannotBeReadEndTheSubscriptionsThatMayHaveWantedThem() throws Exception {
        // They were dropped with an ERROR in the log, and their subscribers never learned of it.
        long wanted = newCommitment();
        long other = newCommitment();
        try (GraphQLWs ws = GraphQLWs.connect(); Connection admin = DB.connect()) {
            subscribe(ws, "wanted", WATCH_STATUS, filter("commitment", List.of(Ids.base64("Commitment:" + wanted))));
            subscribe(ws, "all", WATCH_STATUS, Map.of());
            subscribe(ws, "other", WATCH_STATUS, filter("commitment", List.of(Ids.base64("Commitment:" + other))));
            subscribe(ws, "statements", WATCH_STATEMENTS, Map.of("dialogue", Ids.base64("Dialogue:1")));
            long before = events.handled();
            try {
                // An event's rows include its commitment's topics: with their table out of the way they cannot be read.
                execute(admin, "alter table commitment_topic rename to commitment_topic_away");
                execute(admin, "insert into commitment_status_entry (commitment_id, status, as_of, note, evidence_statement_id)"
                        + " values (" + wanted + ", 'AGREED', date '2024-01-10', 'Lost in a test', 23)");
                await().atMost(Duration.ofSeconds(10)).until(() -> events.handled() > before);
            } finally {
                execute(admin, "alter table commitment_topic_away rename to commitment_topic");
            }
            String lost = "Some changes could not be read to be sent as events, so this subscription ended rather than skip"
                    + " them silently. Read the current state again, then subscribe again.";
            assertEndedWith(ws, "wanted", "EVENTS_INTERRUPTED", lost);
            // Its filter (no commitment named) cannot rule the lost event out without its rows.
            assertEndedWith(ws, "all", "EVENTS_INTERRUPTED", lost);
            // Those that could not have wanted it go on.
            update(other, "AGREED", "After the lost event");
            assertEquals(String.valueOf(other), key(payload(ws.next("other"), "commitmentStatusChanged")));
            assertEquals(0, ws.pending("statements"));
        }
    }

    /** The subscription's last {@code next} carries one error with this code and message, then it completes. */
    private static void assertEndedWith(GraphQLWs ws, String id, String code, String text) throws InterruptedException {
        JsonObject message = ws.next(id);
        assertEquals("next", message.getString("type"), message::encode);
        JsonArray errors = message.getJsonObject("payload").getJsonArray("errors");
        assertTrue(errors != null && errors.size() == 1, message::encode);
        assertEquals(code, errors.getJsonObject(0).getJsonObject("extensions").getString("code"), message::encode);
        assertEquals(text, errors.getJsonObject(0).getString("message"));
        assertEquals("complete", ws.next(id).getString("type"));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** The pid of the backend LISTENing for this application (0 when there is none). */
    private static int listenerBackend() throws SQLException {
        try (var c = DB.connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("select coalesce(max(pid), 0) from pg_stat_activity where application_name = '"
                    + EventListener.APPLICATION_NAME + "' and datname = '" + DATABASE + "'");
            rs.next();
            return rs.getInt(1);
        }
    }
}
