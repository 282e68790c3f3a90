package io.communique.support;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A GraphQL over WebSocket client speaking graphql-transport-ws (the protocol of the npm
 * {@code graphql-ws} package) to the test application's {@code /graphql}, with one queue of
 * messages per operation id.
 */
public final class GraphQLWs implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final HttpClient http;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> connection = new LinkedBlockingQueue<>();
    private final Map<String, BlockingQueue<JsonObject>> operations = new ConcurrentHashMap<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();
    private volatile String closeReason;

    private GraphQLWs(Vertx vertx, HttpClient http, WebSocket socket) {
        this.vertx = vertx;
        this.http = http;
        this.socket = socket;
    }

    /** Opens the socket and completes the connection_init / connection_ack handshake. */
    public static GraphQLWs connect() throws Exception {
        return connect("graphql-transport-ws");
    }

    /** The same with another subprotocol: {@code graphql-ws} (subscriptions-transport-ws) shakes hands alike. */
    public static GraphQLWs connect(String subprotocol) throws Exception {
        return connect(subprotocol, null);
    }

    /** Opens the socket with {@code Authorization: Bearer <token>} on the upgrade request, as a signed-in client does. */
    public static GraphQLWs connectAs(String token) throws Exception {
        return connect("graphql-transport-ws", token);
    }

    private static GraphQLWs connect(String subprotocol, String token) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                .setURI("/graphql").setSubProtocols(List.of(subprotocol));
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        WebSocket socket;
        try {
            socket = http.webSocket(options).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            http.close();
            vertx.close();
            throw e;
        }
        GraphQLWs client = new GraphQLWs(vertx, http, socket);
        socket.textMessageHandler(client::received);
        socket.closeHandler(ignored -> {
            client.closeReason = socket.closeReason();
            client.closed.complete(socket.closeStatusCode());
        });
        socket.writeTextMessage(new JsonObject().put("type", "connection_init").encode());
        JsonObject ack = client.connection.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (ack == null || !"connection_ack".equals(ack.getString("type"))) {
            client.close();
            throw new IllegalStateException("no connection_ack: " + ack);
        }
        return client;
    }

    private void received(String text) {
        JsonObject message = new JsonObject(text);
        String id = message.getString("id");
        if (id == null) {
            connection.add(message);
        } else {
            queue(id).add(message);
        }
    }

    private BlockingQueue<JsonObject> queue(String id) {
        return operations.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
    }

    /** Starts an operation; its messages (next, error, complete) arrive through {@link #next}. */
    public void subscribe(String id, String query, Map<String, Object> variables) {
        queue(id);
        JsonObject payload = new JsonObject().put("query", query).put("variables", new JsonObject(variables));
        socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("id", id).put("payload", payload).encode());
    }

    /** The next message for operation {@code id}; fails after {@link #TIMEOUT}. */
    public JsonObject next(String id) throws InterruptedException {
        JsonObject message = queue(id).poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message for operation " + id + " within " + TIMEOUT);
        }
        return message;
    }

    /** Messages already received for {@code id} and not yet taken. */
    public int pending(String id) {
        return queue(id).size();
    }

    /** The client's port: the server sees the connection as coming from it. */
    public int localPort() {
        return socket.localAddress().port();
    }

    /** The close code of the socket once the server has closed it; fails after {@link #TIMEOUT}. */
    public short awaitClose() throws Exception {
        return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The reason the server gave with its close frame, once {@link #awaitClose} has returned. */
    public String closeReason() {
        return closeReason;
    }

    /** Whether the socket is closed now, by either side. */
    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Sends a text message as it is, well-formed or not. */
    public void send(String text) {
        socket.writeTextMessage(text);
    }

    public void complete(String id) {
        socket.writeTextMessage(new JsonObject().put("type", "complete").put("id", id).encode());
    }

    @Override
    public void close() {
        socket.close();
        http.close();
        vertx.close();
    }
}
