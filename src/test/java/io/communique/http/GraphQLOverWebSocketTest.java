package io.communique.http;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.live.LiveEvents;
import io.communique.support.CapturedLog;
import io.communique.support.GraphQL;
import io.communique.support.GraphQLWs;
import io.communique.support.RawWebSocket;
import io.communique.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client messages over GraphQL over WebSocket ({@link GraphQLWebSocketHandler}): what the protocol
 * does not define closes the socket with 4400 and a reason that fits a close frame; what it defines
 * still works, on both subprotocols.
 */
@QuarkusTest
class GraphQLOverWebSocketTest {

    @ConfigProperty(name = "communique.graphql.websocket-max-operations")
    int maxOperations;

    @Inject
    LiveEvents events;

    /**
     * No test leaves a subscription behind: each one's sockets are closed by its end, and their
     * subscriptions end with them (asynchronously, hence the wait). A leak fails the test that made it,
     * not a later one that counts subscriptions.
     */
    @AfterEach
    void everySubscriptionEndsWithItsSocket() {
        await().atMost(GraphQLWs.TIMEOUT).until(() -> events.subscribers() == 0);
    }

    static final String QUERY = GraphQL.load("websocket-query");
    static final String WATCH_STATUS = GraphQL.load("subscribe-status-changed");

    static Stream<Arguments> invalidMessages() {
        String query = JsonObject.of("query", QUERY).encode();
        return Stream.of(
                Arguments.of("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":", "Invalid message: not a JSON object"),
                Arguments.of("[{\"type\":\"ping\"}]", "Invalid message: not a JSON object"),
                Arguments.of("null", "Invalid message: not a JSON object"),
                Arguments.of("{\"type\":\"ping\"} {\"type\":\"ping\"}", "Invalid message: not a JSON object"),
                Arguments.of("{\"type\":1}", "Invalid message: 'type' must be a string"),
                Arguments.of("{\"type\":\"nope\"}", "Invalid message: unexpected type 'nope'"),
                Arguments.of("{\"type\":\"" + "x".repeat(300) + "\"}", "Invalid message: unexpected type '" + "x".repeat(24) + "...'"),
                // Server-to-client types are not the client's to send.
                Arguments.of("{\"id\":\"1\",\"type\":\"next\",\"payload\":{}}", "Invalid message: unexpected type 'next'"),
                Arguments.of("{\"type\":\"ping\",\"payload\":1}", "Invalid message: 'payload' must be an object or null"),
                Arguments.of("{\"type\":\"subscribe\",\"payload\":" + query + "}", "Invalid message: 'id' must be a non-empty string"),
                Arguments.of("{\"id\":\"\",\"type\":\"subscribe\",\"payload\":" + query + "}", "Invalid message: 'id' must be a non-empty string"),
                Arguments.of("{\"id\":1,\"type\":\"subscribe\",\"payload\":" + query + "}", "Invalid message: 'id' must be a non-empty string"),
                // Echoed in every message of the operation: a 100 KB id made every event 100 KB larger.
                Arguments.of("{\"id\":\"" + "i".repeat(129) + "\",\"type\":\"subscribe\",\"payload\":" + query + "}",
                        "Invalid message: 'id' must be at most 128 characters long"),
                Arguments.of("{\"id\":\"" + "i".repeat(100_000) + "\",\"type\":\"complete\"}",
                        "Invalid message: 'id' must be at most 128 characters long"),
                Arguments.of("{\"id\":\"1\",\"type\":\"subscribe\"}", "Invalid message: 'payload' must be an object"),
                Arguments.of("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":\"x\"}", "Invalid message: 'payload' must be an object"),
                Arguments.of("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{}}", "Invalid message: 'payload.query' must be a string"),
                Arguments.of(subscribe("variables", "[1]"), "Invalid message: 'payload.variables' must be an object or null"),
                Arguments.of(subscribe("variables", "\"x\""), "Invalid message: 'payload.variables' must be an object or null"),
                Arguments.of(subscribe("extensions", "[]"), "Invalid message: 'payload.extensions' must be an object or null"),
                Arguments.of(subscribe("operationName", "1"), "Invalid message: 'payload.operationName' must be a string or null"),
                Arguments.of("{\"type\":\"complete\"}", "Invalid message: 'id' must be a non-empty string"),
                // The message itself, its payload and the variables are three levels of the limit's 64.
                Arguments.of(subscribe("variables", nested(63)), "Invalid message: JSON nested deeper than 64 levels"),
                Arguments.of(subscribe("variables", nested(5_000)), "Invalid message: JSON nested deeper than 64 levels"));
    }

    @ParameterizedTest
    @MethodSource("invalidMessages")
    void aMessageTheProtocolDoesNotDefineClosesTheSocketWith4400(String message, String reason) throws Exception {
        try (GraphQLWs ws = GraphQLWs.connect()) {
            ws.send(message);
            assertEquals(4400, ws.awaitClose(), message);
            assertEquals(reason, ws.closeReason(), message);
        }
    }

    @Test
    void variablesAtTheDepthLimitReachTheEngine() throws Exception {
        try (GraphQLWs ws = GraphQLWs.connect()) {
            ws.send(subscribe("variables", nested(62)));
            JsonObject next = ws.next("1");
            assertEquals("next", next.getString("type"), next.encode());
            assertEquals("Query", next.getJsonObject("payload").getJsonObject("data").getString("__typename"), next.encode());
            assertEquals("complete", ws.next("1").getString("type"));
            assertFalse(ws.isClosed());
        }
    }

    @Test
    void anIdsLengthIsCountedInCharacters() throws Exception {
        // 128 emoji are 256 UTF-16 units: counted in those, the limit refused ids of 65 emoji.
        String id = "\uD83D\uDE00".repeat(128);
        try (GraphQLWs ws = GraphQLWs.connect()) {
            ws.subscribe(id, QUERY, Map.of());
            JsonObject next = ws.next(id);
            assertEquals("next", next.getString("type"), next.encode());
            assertEquals("complete", ws.next(id).getString("type"));
            ws.subscribe(id + "x", QUERY, Map.of());
            assertEquals(4400, ws.awaitClose());
            assertEquals("Invalid message: 'id' must be at most 128 characters long", ws.closeReason());
        }
    }

    @Test
    void aCloseReasonQuotingTheClientIsCutToFitACloseFrame() throws Exception {
        // SmallRye names the duplicated id in its reason; a frame carries 123 bytes of reason at most.
        String id = "é".repeat(100);
        try (GraphQLWs ws = GraphQLWs.connect()) {
            ws.subscribe(id, WATCH_STATUS, Map.of());
            ws.subscribe(id, WATCH_STATUS, Map.of());
            assertEquals(4409, ws.awaitClose());
            byte[] reason = ws.closeReason().getBytes(StandardCharsets.UTF_8);
            assertTrue(ws.closeReason().startsWith("Subscriber for éé"), ws.closeReason());
            assertTrue(reason.length <= 123 && reason.length >= 122, reason.length + " bytes");
        }
    }

    @Test
    void theLegacySubprotocolIsCheckedByItsOwnMessageTypes() throws Exception {
        try (GraphQLWs ws = GraphQLWs.connect("graphql-ws")) {
            ws.send(JsonObject.of("id", "1", "type", "start", "payload", JsonObject.of("query", QUERY)).encode());
            JsonObject data = ws.next("1");
            assertEquals("data", data.getString("type"), data.encode());
            assertEquals("Query", data.getJsonObject("payload").getJsonObject("data").getString("__typename"));
            ws.send(JsonObject.of("id", "2", "type", "subscribe", "payload", JsonObject.of("query", QUERY)).encode());
            assertEquals(4400, ws.awaitClose());
            assertEquals("Invalid message: unexpected type 'subscribe'", ws.closeReason());
        }
        try (GraphQLWs ws = GraphQLWs.connect("graphql-ws")) {
            // SmallRye ignores it; the protocol says the server closes the socket.
            ws.send("{\"type\":\"connection_terminate\"}");
            assertEquals(1000, ws.awaitClose());
        }
    }

    @Test
    void anIdIsFreeAgainOnceItsOperationEndedInAnError() throws Exception {
        // graphql-transport-ws: after "error" the server sends nothing more for that id, so the id may be used again.
        // SmallRye kept it, and closed the socket with 4409 when a client (with ids "1", "2"...) reused it.
        try (GraphQLWs ws = GraphQLWs.connect()) {
            ws.subscribe("1", "subscription { nope }", Map.of());
            JsonObject error = ws.next("1");
            assertEquals("error", error.getString("type"), error.encode());
            assertEquals("VALIDATION_FAILED", error.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"));
            ws.subscribe("1", QUERY, Map.of());
            JsonObject next = ws.next("1");
            assertEquals("next", next.getString("type"), next.encode());
            assertEquals("complete", ws.next("1").getString("type"));
            assertFalse(ws.isClosed());
        }
    }

    @Test
    void anOperationThatRanIsSentAsItsResultEvenWithNullDataOnBothSubprotocols() throws Exception {
        // A field error reached the non-null root: over HTTP {"errors": [...], "data": null}. SmallRye sent "error",
        // dropping data, and graphql-ws clients read "error" as an operation that never ran.
        String garbage = "{ changes(since: \"garbage\") { nextToken } }";
        var http = GraphQL.query(garbage);
        assertTrue(http.getMap("$").containsKey("data"), http.prettify());
        try (GraphQLWs ws = GraphQLWs.connect()) {
            ws.subscribe("1", garbage, Map.of());
            JsonObject next = ws.next("1");
            assertEquals("next", next.getString("type"), next.encode());
            assertRanWithNullData(next.getJsonObject("payload"), http.getString("errors[0].message"));
            assertEquals("complete", ws.next("1").getString("type"));
            // The id is free again once complete is sent.
            ws.subscribe("1", QUERY, Map.of());
            assertEquals("next", ws.next("1").getString("type"));
            assertEquals("complete", ws.next("1").getString("type"));
        }
        try (GraphQLWs ws = GraphQLWs.connect("graphql-ws")) {
            ws.send(JsonObject.of("id", "1", "type", "start", "payload", JsonObject.of("query", garbage)).encode());
            JsonObject data = ws.next("1");
            assertEquals("data", data.getString("type"), data.encode());
            assertRanWithNullData(data.getJsonObject("payload"), http.getString("errors[0].message"));
            assertEquals("complete", ws.next("1").getString("type"));
        }
    }

    private static void assertRanWithNullData(JsonObject payload, String message) {
        assertTrue(payload.containsKey("data"), payload.encode());
        assertEquals(null, payload.getValue("data"), payload.encode());
        JsonObject error = payload.getJsonArray("errors").getJsonObject(0);
        assertEquals("BAD_USER_INPUT", error.getJsonObject("extensions").getString("code"), payload.encode());
        assertEquals(message, error.getString("message"));
    }

    @Test
    void aSocketCarriesAtMostTheConfiguredNumberOfOperations() throws Exception {
        try (GraphQLWs ws = GraphQLWs.connect()) {
            for (int i = 1; i <= maxOperations; i++) {
                ws.subscribe("watch-" + i, WATCH_STATUS, Map.of());
            }
            // One more is refused on its own: the socket and the others stay open.
            ws.subscribe("one-too-many", QUERY, Map.of());
            JsonObject refused = ws.next("one-too-many");
            assertEquals("error", refused.getString("type"), refused.encode());
            JsonObject error = refused.getJsonArray("payload").getJsonObject(0);
            assertEquals("TOO_MANY_OPERATIONS", error.getJsonObject("extensions").getString("code"), refused.encode());
            assertEquals(Set.of("code", "limit"), error.getJsonObject("extensions").fieldNames(), refused.encode());
            assertEquals(maxOperations, error.getJsonObject("extensions").getInteger("limit"), refused.encode());
            assertEquals("This socket already carries " + maxOperations + " operations, the most allowed: complete one first.",
                    error.getString("message"));
            assertFalse(ws.isClosed());
            // Completing one makes room; the refused id was never taken, so it may be used.
            ws.complete("watch-1");
            ws.subscribe("one-too-many", QUERY, Map.of());
            JsonObject next = ws.next("one-too-many");
            assertEquals("next", next.getString("type"), next.encode());
            assertEquals("complete", ws.next("one-too-many").getString("type"));
            // The query's completion made room for one more subscription, and no more.
            ws.subscribe("watch-again", WATCH_STATUS, Map.of());
            ws.subscribe("one-too-many-again", QUERY, Map.of());
            assertEquals("error", ws.next("one-too-many-again").getString("type"));
            assertEquals(0, ws.pending("watch-again"));
        }
    }

    @Test
    void theLegacySubprotocolHasTheSameLimit() throws Exception {
        try (GraphQLWs ws = GraphQLWs.connect("graphql-ws")) {
            for (int i = 1; i <= maxOperations; i++) {
                ws.send(JsonObject.of("id", "watch-" + i, "type", "start", "payload", JsonObject.of("query", WATCH_STATUS)).encode());
            }
            ws.send(JsonObject.of("id", "one-too-many", "type", "start", "payload", JsonObject.of("query", QUERY)).encode());
            JsonObject refused = ws.next("one-too-many");
            // subscriptions-transport-ws: an "error" message carries one error object.
            assertEquals("error", refused.getString("type"), refused.encode());
            assertEquals("TOO_MANY_OPERATIONS", refused.getJsonObject("payload").getJsonObject("extensions").getString("code"));
            assertFalse(ws.isClosed());
        }
    }

    @Test
    void anUpgradeWithATokenThatDoesNotVerifyIsRefusedWith401() throws Exception {
        // It was a 500, logged as a server fault; a read with such a token is refused alike (a token is a claim to check).
        Vertx vertx = Vertx.vertx();
        try {
            var options = new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port).setURI("/graphql")
                    .setSubProtocols(List.of("graphql-transport-ws")).addHeader("Authorization", "Bearer " + Tokens.expired("editor"));
            var upgrade = vertx.createHttpClient().webSocket(options).toCompletionStage().toCompletableFuture();
            var refused = assertThrows(ExecutionException.class, () -> upgrade.get(GraphQLWs.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(UpgradeRejectedException.class, refused.getCause());
            assertEquals(401, ((UpgradeRejectedException) refused.getCause()).getStatus());
        } finally {
            vertx.close();
        }
        var read = given().contentType("application/json").header("Authorization", "Bearer not-a-jwt")
                .body(Map.of("query", QUERY)).when().post("/graphql").then().statusCode(401).extract().jsonPath();
        assertEquals("UNAUTHENTICATED", read.getString("errors[0].extensions.code"));
    }

    @Test
    void aSubscriptionWhoseSocketClosesWhileItStartsEndsToo() throws Exception {
        // SmallRye registers a subscription only once its execution returns, and ended only those registered
        // when the socket closed: 8 of 50 dropped connections and 2 of 50 sockets closed by the server for their
        // next message (a duplicate id) left a subscription on the event stream that nobody read.
        for (int i = 0; i < 50; i++) {
            try (RawWebSocket socket = RawWebSocket.connect(0)) {
                socket.send("{\"type\":\"connection_init\"}");
                socket.send(JsonObject.of("id", "watch", "type", "subscribe", "payload",
                        JsonObject.of("query", WATCH_STATUS)).encode());
            }
        }
        for (int i = 0; i < 50; i++) {
            try (GraphQLWs ws = GraphQLWs.connect()) {
                ws.subscribe("watch", WATCH_STATUS, Map.of());
                ws.subscribe("watch", WATCH_STATUS, Map.of());
                assertEquals(4409, ws.awaitClose());
            }
        }
        // Checked after each test (everySubscriptionEndsWithItsSocket).
    }

    @Test
    void aClientThatDropsItsConnectionIsNotLoggedAsAWarning() throws Exception {
        // SmallRye logged "Error in websocket: HttpClosedException" as a WARN for every phone that lost its network.
        // Counted from none, so that another subscription ending meanwhile cannot pass for this one.
        await().atMost(GraphQLWs.TIMEOUT).until(() -> events.subscribers() == 0);
        List<String> warnings = smallRyeWarningsDuring(() -> {
            // A plain socket, so that nothing sends a close frame: only the TCP connection ends.
            try (RawWebSocket socket = RawWebSocket.connect(0)) {
                socket.send("{\"type\":\"connection_init\"}");
                socket.send(JsonObject.of("id", "watch", "type", "subscribe", "payload",
                        JsonObject.of("query", WATCH_STATUS)).encode());
                await().atMost(GraphQLWs.TIMEOUT).until(() -> events.subscribers() == 1);
            }
            // The subscription ends with the connection.
            await().atMost(GraphQLWs.TIMEOUT).until(() -> events.subscribers() == 0);
        });
        assertEquals(List.of(), warnings);
    }

    @Test
    void aMessageMayBeAsLargeAsAPostBodyAndALargerOneIsClosedWith1009() throws Exception {
        // Vert.x took frames of at most 64 KiB: a 70 KB subscribe message cut the connection without a close frame
        // (logged as a WARN) where the same document ran over HTTP, and fragments adding up to more than the message
        // limit were dropped while the socket stayed open, so the client waited for an answer that never came.
        String init = "{\"type\":\"connection_init\"}";
        List<String> warnings = smallRyeWarningsDuring(() -> {
            try (RawWebSocket ws = RawWebSocket.connect(0)) {
                ws.send(init);
                assertEquals("{\"type\":\"connection_ack\"}", ws.next());
                ws.send(subscribeTo("{ __typename" + " ".repeat(100_000) + "}"));
                assertEquals("Query", new JsonObject((String) ws.next()).getJsonObject("payload").getJsonObject("data")
                        .getString("__typename"));
                assertEquals("complete", new JsonObject((String) ws.next()).getString("type"));
            }
            String tooLarge = subscribeTo("{ __typename" + " ".repeat(MAX_BODY_BYTES) + "}");
            try (RawWebSocket ws = RawWebSocket.connect(0)) {
                ws.send(init);
                ws.next();
                ws.announceText(tooLarge.length());
                assertEquals(new RawWebSocket.Close(1009, "Max frame length of " + MAX_BODY_BYTES + " has been exceeded."),
                        ws.next());
            }
            try (RawWebSocket ws = RawWebSocket.connect(0)) {
                ws.send(init);
                ws.next();
                ws.sendInFragments(tooLarge, 60_000);
                assertEquals(new RawWebSocket.Close(1009, "Message too big: at most " + MAX_BODY_BYTES + " bytes"), ws.next());
            }
        });
        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"graphql-transport-ws", "graphql-ws"})
    void aFrameOverTheLimitReadWithConnectionInitGetsTheAckAndThen1009(String subprotocol) throws Exception {
        // A legacy client sends connection_init and start without waiting for the ack, so the server may read both
        // at once. Vert.x held the ack and the close frame back until the read ended, and closed the connection
        // before that: the client saw it drop (1006) with neither. One write, so that both are read together;
        // the loop because the reads are the kernel's to cut (without the fix every attempt failed here).
        for (int attempt = 1; attempt <= 30; attempt++) {
            try (RawWebSocket ws = RawWebSocket.connect(0, subprotocol)) {
                ws.sendThenAnnounceText("{\"type\":\"connection_init\"}", MAX_BODY_BYTES + 1);
                assertEquals("{\"type\":\"connection_ack\"}", ws.next(), "attempt " + attempt);
                assertEquals(new RawWebSocket.Close(1009, "Max frame length of " + MAX_BODY_BYTES + " has been exceeded."),
                        ws.next(), "attempt " + attempt);
            }
        }
    }

    @Test
    void aBinaryMessageClosesWith4400() throws Exception {
        // It was ignored, and a client that sent its subscribe that way waited for an answer that never came.
        try (RawWebSocket ws = RawWebSocket.connect(0)) {
            ws.send("{\"type\":\"connection_init\"}");
            ws.next();
            ws.sendBinary(subscribeTo("{ __typename }").getBytes(StandardCharsets.UTF_8));
            assertEquals(new RawWebSocket.Close(4400, "Invalid message: send JSON in text frames, not binary ones"), ws.next());
        }
    }

    /** communique.graphql.max-body-size, 256K. */
    private static final int MAX_BODY_BYTES = 262_144;

    private static String subscribeTo(String query) {
        return JsonObject.of("id", "1", "type", "subscribe", "payload", JsonObject.of("query", query)).encode();
    }

    @FunctionalInterface
    private interface Steps {
        void run() throws Exception;
    }

    /** What SmallRye's WebSocket handler logged at WARN or above while the steps ran. */
    private static List<String> smallRyeWarningsDuring(Steps steps) throws Exception {
        try (CapturedLog smallRye = CapturedLog.of("io.smallrye.graphql.websocket.GraphQLWebsocketHandler")) {
            steps.run();
            return smallRye.warnings().stream().map(LogRecord::getMessage).toList();
        }
    }

    @Test
    void aClientOfferingNoSubprotocolIsClosedWith4406() throws Exception {
        assertEquals((short) 4406, closeCodeOfSilentSocket(List.of()));
    }

    @Test
    void aSocketThatDoesNotInitialiseInTimeIsClosedWith4408() throws Exception {
        // communique.graphql.websocket-init-timeout, 3 s by default, well within the wait.
        assertEquals((short) 4408, closeCodeOfSilentSocket(List.of("graphql-transport-ws")));
    }

    /** Opens a socket offering these subprotocols, sends nothing and waits for the server to close it. */
    private static short closeCodeOfSilentSocket(List<String> subprotocols) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Short> closed = new CompletableFuture<>();
            // The handler is set on the event loop that reads the frames, so the close cannot come first.
            vertx.createHttpClient()
                    .webSocket(new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port).setURI("/graphql")
                            .setSubProtocols(subprotocols))
                    .onSuccess(socket -> socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode())))
                    .onFailure(closed::completeExceptionally);
            return closed.get(GraphQLWs.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            vertx.close();
        }
    }

    /** A client's text frame (RFC 6455 5.2: clients mask), for payloads under 64 KB. */
    /** A subscribe message for {@link #QUERY} whose payload also has {@code field} set to the JSON text {@code json}. */
    private static String subscribe(String field, String json) {
        return "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":" + Json.encode(QUERY) + ",\"" + field + "\":" + json + "}}";
    }

    /** An object nested {@code levels} deep: {"a":{"a":...1...}}. */
    private static String nested(int levels) {
        return "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
    }
}
