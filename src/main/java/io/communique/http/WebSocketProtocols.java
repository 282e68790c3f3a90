package io.communique.http;

import graphql.ExecutionResultImpl;
import io.communique.errors.ApiError;
import io.communique.errors.ErrorCodes;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLTransportWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.vertx.ext.web.RoutingContext;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * SmallRye's two subprotocol handlers, authenticated as Quarkus does, taking a message already read
 * by {@link WebSocketMessages} (so it is parsed once), with two changes:
 *
 * <ul>
 * <li>a socket carries at most {@code communique.graphql.websocket-max-operations} operations at once
 * (open subscriptions and queries in flight); a {@code subscribe}/{@code start} over that gets an
 * {@code error} message for its id with {@code TOO_MANY_OPERATIONS}, and the socket stays open. Each
 * subscription holds a buffer and a slot in the broadcast, so without a bound one socket could hold
 * any number of them;</li>
 * <li>an operation that ends in an {@code error} message frees its id, as the protocol says (no more
 * messages follow it). SmallRye 2.17 kept the id, so a client that used it again was closed with
 * 4409 "Subscriber for 1 already exists".</li>
 * <li>an operation that ran is answered with its result, {@code data: null} included, as a data message
 * ({@code next}, {@code data}) and then {@code complete}; {@code error} is for one that never ran (a
 * document that does not validate, a limit, bad variables). SmallRye 2.17 sent {@code error} for any
 * result without data, so a field error that reached a non-null root lost {@code data} over WebSocket
 * where HTTP kept it, and graphql-ws clients, which read {@code error} as "never ran", were told so of
 * an operation that ran (a mutation may have written).</li>
 * </ul>
 */
final class WebSocketProtocols {

    /** A subprotocol handler that takes checked messages. */
    interface Protocol extends GraphQLWebsocketHandler {
        void accept(JsonObject message);
    }

    private WebSocketProtocols() {
    }

    /** The handler of {@code subprotocol}, or empty when it is neither graphql-transport-ws nor graphql-ws. */
    static Optional<Protocol> of(String subprotocol, GraphQLWebSocketSession session, Map<String, Object> metaData,
            RoutingContext ctx, SmallRyeGraphQLAbstractHandler handler, Optional<String> initPayloadAuthorization,
            int maxOperations) {
        OperationLimit limit = new OperationLimit(maxOperations);
        if ("graphql-transport-ws".equals(subprotocol)) {
            return Optional.of(new TransportWs(session, metaData, ctx, handler, initPayloadAuthorization, limit));
        }
        if ("graphql-ws".equals(subprotocol)) {
            return Optional.of(new LegacyWs(session, metaData, ctx, handler, initPayloadAuthorization, limit));
        }
        return Optional.empty();
    }

    /** How an operation's error reaches the client: the subprotocol's own {@code error} message. */
    @FunctionalInterface
    private interface ErrorSender {
        void send(String operationId, ExecutionResponse response) throws IOException;
    }

    /**
     * Sends a result that has {@code data} (even null) as a data message of {@code dataType} and then
     * {@code complete}, as SmallRye does for a result with data; false when it has none. Nothing is
     * sent when the client completed the operation meanwhile, as SmallRye's own does.
     */
    private static boolean sentAsData(GraphQLWebSocketSession session, Map<String, ?> active, String dataType,
            String operationId, ExecutionResponse response) throws IOException {
        if (response.getExecutionResult() == null || !response.getExecutionResult().isDataPresent()) {
            return false;
        }
        if (active.remove(operationId) != null) {
            session.sendMessage(Json.createObjectBuilder().add("id", operationId).add("type", dataType)
                    .add("payload", response.getExecutionResultAsJsonObject()).build().toString());
            session.sendMessage(Json.createObjectBuilder().add("id", operationId).add("type", "complete").build().toString());
        }
        return true;
    }

    private record OperationLimit(int max) {

        /**
         * Whether SmallRye may have the message. A request to start an operation on a socket that
         * already carries {@link #max} is answered here instead. What SmallRye refuses itself (before
         * {@code connection_init}, an id in use) is left to it, with its close codes.
         */
        boolean admits(JsonObject message, Map<String, ?> active, boolean initialised, ErrorSender error) {
            String type = message.getString("type");
            if (!("subscribe".equals(type) || "start".equals(type)) || !initialised) {
                return true;
            }
            String id = message.getString("id");
            // The map is SmallRye's, emptied from other threads as operations end: a bound, not a count to the unit.
            if (active.containsKey(id) || active.size() < max) {
                return true;
            }
            ApiError refusal = ApiError.of(ErrorCodes.TOO_MANY_OPERATIONS,
                    "This socket already carries " + max + " operations, the most allowed: complete one first.")
                    .with(Map.of("limit", max));
            try {
                error.send(id, new ExecutionResponse(ExecutionResultImpl.newExecutionResult().addError(refusal).build()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return false;
        }
    }

    private static final class TransportWs extends SmallRyeAuthGraphQLTransportWSSubprotocolHandler implements Protocol {

        private final OperationLimit limit;

        TransportWs(GraphQLWebSocketSession session, Map<String, Object> metaData, RoutingContext ctx,
                SmallRyeGraphQLAbstractHandler handler, Optional<String> initPayloadAuthorization, OperationLimit limit) {
            super(session, metaData, ctx, handler, initPayloadAuthorization);
            this.limit = limit;
        }

        @Override
        public void accept(JsonObject message) {
            if (limit.admits(message, activeOperations, connectionInitialized.get(), this::sendErrorMessage)) {
                onMessage(message);
            }
        }

        @Override
        protected void sendErrorMessage(String operationId, ExecutionResponse response) throws IOException {
            if (sentAsData(session, activeOperations, "next", operationId, response)) {
                return;
            }
            // Freed first: the client may reuse the id as soon as it reads the error.
            activeOperations.remove(operationId);
            super.sendErrorMessage(operationId, response);
        }
    }

    private static final class LegacyWs extends SmallRyeAuthGraphQLWSSubprotocolHandler implements Protocol {

        private final OperationLimit limit;

        LegacyWs(GraphQLWebSocketSession session, Map<String, Object> metaData, RoutingContext ctx,
                SmallRyeGraphQLAbstractHandler handler, Optional<String> initPayloadAuthorization, OperationLimit limit) {
            super(session, metaData, ctx, handler, initPayloadAuthorization);
            this.limit = limit;
        }

        @Override
        public void accept(JsonObject message) {
            if (limit.admits(message, activeOperations, connectionInitialized.get(), this::sendErrorMessage)) {
                onMessage(message);
            }
        }

        @Override
        protected void sendErrorMessage(String operationId, ExecutionResponse response) throws IOException {
            if (sentAsData(session, activeOperations, "data", operationId, response)) {
                return;
            }
            activeOperations.remove(operationId);
            super.sendErrorMessage(operationId, response);
        }
    }
}
