package io.communique.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import graphql.ExecutionResult;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.error.ExecutionErrorsService;
import io.smallrye.graphql.spi.config.Config;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Writes an HTTP response body straight from graphql-java's result into UTF-8 bytes. SmallRye's
 * {@link ExecutionResponse#getExecutionResultAsString()} first builds a JSON-P object tree of the
 * whole result, then prints it to a String, which the handler then encoded again. Streaming skips
 * the tree and both copies: 102 µs instead of 267 µs for the canonical traversal's 66 KB, a few
 * per cent of its request's CPU (bench/README.md, 2026-12-06 05:56).
 *
 * <p>The output is the document SmallRye writes, member for member: {@code errors} (only when there
 * are some, formatted by SmallRye's own errors service), {@code data} (when present), then
 * {@code extensions}; numbers printed as JSON-P prints them. What graphql-java puts in a result is
 * maps, lists, strings, booleans, numbers, enums and, from the JSON scalar, JSON-P values. For
 * anything else, and when {@code exclude-null-fields-in-responses} is on, the whole response goes
 * through SmallRye's serializer instead. One difference, on purpose: a lone UTF-16 surrogate in a
 * data string (only a client's own input can carry one; PostgreSQL stores none) is written as its
 * escape, where encoding SmallRye's String replaced it with '?'. ResponseJsonTest holds all of this.
 */
final class ResponseJson {

    // Characters outside the BMP (emoji, flags) as their four UTF-8 bytes, as JSON-P writes them,
    // not as two escaped UTF-16 surrogates.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private static final ExecutionErrorsService ERRORS = new ExecutionErrorsService();

    private ResponseJson() {
    }

    static byte[] bytes(ExecutionResponse response) {
        if (!Config.get().isExcludeNullFieldsInResponses()) {
            try {
                return stream(response.getExecutionResult());
            } catch (UnexpectedValue | IOException e) {
                // An odd value, or raw error JSON Jackson refuses (a message quoting a lone surrogate a
                // client sent): SmallRye's serializer writes it as it always has.
            }
        }
        return response.getExecutionResultAsString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] stream(ExecutionResult result) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(8 * 1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            if (result.getErrors() != null && !result.getErrors().isEmpty()) {
                var errors = ERRORS.toJsonErrors(result.getErrors());
                if (!errors.isEmpty()) {
                    json.writeFieldName("errors");
                    json.writeRawValue(errors.toString());
                }
            }
            if (result.isDataPresent()) {
                json.writeFieldName("data");
                value(json, result.getData());
            }
            Map<Object, Object> extensions = result.getExtensions();
            if (extensions != null) {
                json.writeFieldName("extensions");
                json.writeStartObject();
                for (var entry : extensions.entrySet()) {
                    if (entry.getKey() instanceof String key) {
                        json.writeFieldName(key);
                        value(json, entry.getValue());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (var entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new UnexpectedValue();
                }
                json.writeFieldName(key);
                value(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            json.writeStartArray();
            for (Object item : collection) {
                value(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Double d) {
            // JSON-P prints a double as BigDecimal.valueOf(d) does (1.0E-4 as 0.00010, not 1.0E-4).
            json.writeNumber(BigDecimal.valueOf(d));
        } else if (value instanceof Float f) {
            json.writeNumber(new BigDecimal(String.valueOf(f)));
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            json.writeNumber(i);
        } else if (value instanceof Enum<?> e) {
            json.writeString(e.name());
        } else if (value instanceof JsonValue jsonp) {
            json.writeRawValue(jsonp.toString());
        } else {
            throw new UnexpectedValue();
        }
    }

    /** A value outside what graphql-java's scalars produce; never leaves this class. */
    private static final class UnexpectedValue extends RuntimeException {
        UnexpectedValue() {
            super(null, null, false, false);
        }
    }
}
