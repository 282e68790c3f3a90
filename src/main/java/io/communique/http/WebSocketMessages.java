package io.communique.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a client's GraphQL-over-WebSocket message before SmallRye's handler reads it, as the
 * reference server of graphql-transport-ws ({@code graphql-ws}'s {@code validateMessage}) does: a
 * message of a type or shape the protocol does not define closes the socket with {@code 4400} and
 * the reason ({@code PROTOCOL.md}: "Receiving a message of a type or format which is not specified
 * in this document will result in an immediate socket closure with the event 4400").
 *
 * <p>SmallRye 2.17 reads the fields without checking them: a missing {@code payload} or {@code id},
 * a payload that is a string, variables that are a list, an unknown type or JSON nested a thousand
 * deep threw on the event loop, answered nothing and logged an ERROR, or came back {@code INTERNAL};
 * JSON that is not an object closed the socket with its parser's message as the reason, longer than
 * a close frame may carry, so clients saw a broken frame (1006) instead of 4400.
 */
final class WebSocketMessages {

    /** Close code for a message the protocol does not define (graphql-transport-ws; used for graphql-ws too). */
    static final short INVALID_MESSAGE = 4400;
    /** The legacy graphql-ws (subscriptions-transport-ws) client's way of saying goodbye. */
    static final String CONNECTION_TERMINATE = "connection_terminate";

    private static final Set<String> TRANSPORT_WS_TYPES = Set.of("connection_init", "ping", "pong", "subscribe", "complete");
    private static final Set<String> LEGACY_WS_TYPES = Set.of("connection_init", "start", "stop", CONNECTION_TERMINATE);

    private final boolean legacy;
    private final int maxDepth;

    /** {@code legacy}: the graphql-ws subprotocol (start/stop) rather than graphql-transport-ws (subscribe/complete). */
    WebSocketMessages(boolean legacy, int maxDepth) {
        this.legacy = legacy;
        this.maxDepth = maxDepth;
    }

    /** A client's message as read: the message and its type when it may go to SmallRye, else why it is refused. */
    record Checked(JsonObject message, String type, String problem) {
        boolean refused() {
            return problem != null;
        }
    }

    /** Reads one message; a refusal's reason is a close reason of at most 123 bytes. */
    Checked check(String text) {
        if (JsonText.deeperThan(text, maxDepth)) {
            return refused("Invalid message: JSON nested deeper than " + maxDepth + " levels");
        }
        JsonValue value = JsonText.single(text);
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            return refused("Invalid message: not a JSON object");
        }
        JsonObject message = value.asJsonObject();
        if (!(message.get("type") instanceof JsonString typeValue)) {
            return refused("Invalid message: 'type' must be a string");
        }
        String type = typeValue.getString();
        if (!(legacy ? LEGACY_WS_TYPES : TRANSPORT_WS_TYPES).contains(type)) {
            return refused("Invalid message: unexpected type '" + clip(type) + "'");
        }
        Optional<String> problem = switch (type) {
            case "connection_init", "ping", "pong" -> objectOrNull(message, "payload", "");
            case "subscribe", "start" -> id(message).or(() -> operation(message.get("payload")));
            case "complete", "stop" -> id(message);
            default -> Optional.empty();
        };
        return problem.isPresent() ? refused(problem.get()) : new Checked(message, type, null);
    }

    private static Checked refused(String problem) {
        return new Checked(null, null, problem);
    }

    /**
     * Operation ids are echoed in every message of the operation, so one of 100 KB made each event of
     * a subscription 100 KB larger. Clients use counters or UUIDs (graphql-ws: 36 characters).
     */
    static final int MAX_ID_LENGTH = 128;

    private static Optional<String> id(JsonObject message) {
        if (!(message.get("id") instanceof JsonString id) || id.getString().isEmpty()) {
            return Optional.of("Invalid message: 'id' must be a non-empty string");
        }
        // Characters as the message says, not UTF-16 units: an id of 100 emoji is 100 characters.
        return id.getString().codePointCount(0, id.getString().length()) > MAX_ID_LENGTH
                ? Optional.of("Invalid message: 'id' must be at most " + MAX_ID_LENGTH + " characters long")
                : Optional.empty();
    }

    private static Optional<String> operation(JsonValue payload) {
        if (payload == null || payload.getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.of("Invalid message: 'payload' must be an object");
        }
        JsonObject request = payload.asJsonObject();
        if (!(request.get("query") instanceof JsonString)) {
            return Optional.of("Invalid message: 'payload.query' must be a string");
        }
        JsonValue operationName = request.get("operationName");
        if (operationName != null && operationName.getValueType() != JsonValue.ValueType.NULL
                && operationName.getValueType() != JsonValue.ValueType.STRING) {
            return Optional.of("Invalid message: 'payload.operationName' must be a string or null");
        }
        return objectOrNull(request, "variables", "payload.").or(() -> objectOrNull(request, "extensions", "payload."));
    }

    private static Optional<String> objectOrNull(JsonObject object, String name, String prefix) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL
                || value.getValueType() == JsonValue.ValueType.OBJECT
                ? Optional.empty()
                : Optional.of("Invalid message: '" + prefix + name + "' must be an object or null");
    }

    // Keeps the reason within a close frame whatever the client sent as a type.
    private static String clip(String type) {
        return type.length() <= 24 ? type : type.substring(0, 24) + "...";
    }
}
