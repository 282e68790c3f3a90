package io.communique.http;

import static io.quarkus.jsonp.JsonProviderHolder.jsonProvider;

import io.communique.errors.ErrorCodes;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of one GraphQL-over-HTTP request, checked as the spec defines them: {@code query}
 * a string, {@code operationName} a string or null, {@code variables} and {@code extensions} maps
 * or null. Anything else is refused with 400 before it reaches the engine. {@code query} is null
 * only when {@code extensions.persistedQuery} stands for it, until the handler resolves it.
 */
record GraphQLRequest(String query, String operationName, JsonObject variables, JsonObject extensions) {

    /** The request as SmallRye's ExecutionService reads it: only the four spec parameters, nulls left out. */
    JsonObject toJson() {
        JsonObjectBuilder json = jsonProvider().createObjectBuilder().add("query", query);
        if (operationName != null) {
            json.add("operationName", operationName);
        }
        if (variables != null) {
            json.add("variables", variables);
        }
        if (extensions != null) {
            json.add("extensions", extensions);
        }
        return json.build();
    }

    /** A POST: the body must be declared application/json (UTF-8), sent uncompressed, and hold one JSON object. */
    static GraphQLRequest fromPost(String contentType, String contentEncoding, Buffer body, int maxJsonDepth) {
        requireJsonContentType(contentType);
        requireIdentityEncoding(contentEncoding);
        if (body == null || body.length() == 0) {
            throw badRequest("The request body is empty: send a JSON object with a 'query' string.");
        }
        JsonValue value = parseJson(decodeUtf8(body), "The request body is not valid JSON.", maxJsonDepth);
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            throw new RequestRejected(400, ErrorCodes.BATCHING_NOT_SUPPORTED,
                    "Batched requests (a JSON array) are not supported: send one JSON object per operation.");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw badRequest("The request body must be a JSON object with a 'query' string.");
        }
        JsonObject json = value.asJsonObject();
        JsonObject extensions = map("extensions", json.get("extensions"));
        return new GraphQLRequest(
                query(json.get("query"), extensions),
                operationName(json.get("operationName")),
                map("variables", json.get("variables")),
                extensions);
    }

    /** A GET: the parameters come URL-encoded in the query string, variables and extensions as JSON text. */
    static GraphQLRequest fromQueryParameters(MultiMap parameters, int maxJsonDepth) {
        String query = single(parameters, "query");
        JsonObject extensions = mapFromText("extensions", single(parameters, "extensions"), maxJsonDepth);
        if (query == null && !persisted(extensions)) {
            throw badRequest("Missing 'query' parameter: it must hold the GraphQL document.");
        }
        String operationName = single(parameters, "operationName");
        return new GraphQLRequest(
                query == null ? null : query(jsonProvider().createValue(query), extensions),
                operationName == null || operationName.isEmpty() ? null : operationName,
                mapFromText("variables", single(parameters, "variables"), maxJsonDepth),
                extensions);
    }

    /** The same request with the document a persisted-query hash stands for. */
    GraphQLRequest withQuery(String document) {
        return new GraphQLRequest(document, operationName, variables, extensions);
    }

    /**
     * A request that names a persisted query may leave the document out (io.communique.apq
     * resolves it); the extension's own shape is checked there.
     */
    private static boolean persisted(JsonObject extensions) {
        JsonValue persistedQuery = extensions == null ? null : extensions.get("persistedQuery");
        return persistedQuery != null && persistedQuery.getValueType() != JsonValue.ValueType.NULL;
    }

    private static void requireJsonContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new RequestRejected(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "A POST request must declare its body with 'Content-Type: application/json'.");
        }
        // A header sent twice arrives folded with commas; SmallRye's own GraphiQL page sends
        // "application/json, application/json". Accept it when every value is acceptable.
        for (String single : contentType.split(",", -1)) {
            requireSingleJsonContentType(single, contentType);
        }
    }

    /**
     * The server does not decode compressed request bodies (Vert.x's request decompression is off, so
     * a zip bomb is no concern), and a gzipped body used to be refused as "not valid UTF-8", which sent
     * the client looking in the wrong place. RFC 9110 8.4.1: 415, with Accept-Encoding naming the
     * coding that is taken.
     */
    private static void requireIdentityEncoding(String contentEncoding) {
        if (contentEncoding == null) {
            return;
        }
        for (String coding : contentEncoding.split(",", -1)) {
            String name = coding.trim();
            if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
                throw new RequestRejected(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '" + name
                        + "' is not supported: send the request body uncompressed.", Map.of("Accept-Encoding", "identity"));
            }
        }
    }

    private static void requireSingleJsonContentType(String contentType, String header) {
        // A limit of -1 keeps empty pieces: ";;;".split(";") is an empty array.
        String[] parts = contentType.split(";", -1);
        String mediaType = parts[0].trim();
        if (!mediaType.toLowerCase(Locale.ROOT).equals("application/json")) {
            throw new RequestRejected(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Content-Type '" + (mediaType.isEmpty() ? header.trim() : mediaType)
                            + "': send the request as application/json.");
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String charset = ResponseMediaType.unquote(param.substring(eq + 1).trim());
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    throw new RequestRejected(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                            "Unsupported charset '" + charset + "': the request body must be UTF-8.");
                }
            }
        }
    }

    private static String decodeUtf8(Buffer body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.getBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw badRequest("The request body is not valid UTF-8.");
        }
    }

    /** The one JSON value of {@code text}; deeper than {@code maxDepth} or malformed is refused with 400. */
    private static JsonValue parseJson(String text, String message, int maxDepth) {
        if (JsonText.deeperThan(text, maxDepth)) {
            throw new RequestRejected(400, ErrorCodes.JSON_TOO_DEEP,
                    "The request's JSON nests deeper than the limit of " + maxDepth + " levels.");
        }
        JsonValue value = JsonText.single(text);
        if (value == null) {
            throw badRequest(message);
        }
        return value;
    }

    private static String query(JsonValue value, JsonObject extensions) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (persisted(extensions)) {
                return null;
            }
            throw badRequest("Missing 'query': the request must carry a GraphQL document in 'query'.");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw badRequest("'query' must be a string holding a GraphQL document.");
        }
        String query = ((JsonString) value).getString();
        if (query.isBlank()) {
            throw badRequest("'query' is empty: it must hold a GraphQL document.");
        }
        return query;
    }

    private static String operationName(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw badRequest("'operationName' must be a string or null.");
        }
        // As a GET's empty parameter: no name. graphql-java ran an empty name as the first operation
        // while the checks of its type looked for an operation named "", so a subscription got past them.
        String name = ((JsonString) value).getString();
        return name.isEmpty() ? null : name;
    }

    private static JsonObject map(String name, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw badRequest("'" + name + "' must be a JSON object (a map) or null.");
        }
        return value.asJsonObject();
    }

    private static JsonObject mapFromText(String name, String text, int maxDepth) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return map(name, parseJson(text, "'" + name + "' is not valid JSON: it must be a URL-encoded JSON object.", maxDepth));
    }

    private static String single(MultiMap parameters, String name) {
        List<String> values = parameters.getAll(name);
        if (values.size() > 1) {
            throw badRequest("The '" + name + "' parameter is given " + values.size() + " times: give it once.");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static RequestRejected badRequest(String message) {
        return new RequestRejected(400, ErrorCodes.BAD_REQUEST, message);
    }
}
