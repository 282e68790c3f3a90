package io.communique.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import graphql.language.SourceLocation;
import io.communique.errors.ApiError;
import io.communique.errors.ErrorCodes;
import io.communique.model.CommitmentStatus;
import io.quarkus.jsonp.JsonProviderHolder;
import io.smallrye.graphql.execution.ExecutionResponse;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streamed body must be the very bytes SmallRye's serializer writes for the same result: clients,
 * ETags and the tests that compare bodies all see one format, whichever way it was produced.
 */
class ResponseJsonTest {

    @Test
    void everyKindOfValueGraphqlJavaProducesIsWrittenAsSmallRyeWritesIt() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("text", "quotes \" backslash \\ slash / tab \t newline \n bell \u0007 nul \u0000 del \u007f");
        row.put("unicode", "Antony Blinken — नरेंद्र मोदी 🇮🇳 \u2028 line separator");
        row.put("empty", "");
        row.put("missing", null);
        row.put("flag", true);
        row.put("off", false);
        row.put("int", 42);
        row.put("short", (short) -7);
        row.put("byte", (byte) 3);
        row.put("long", 9_007_199_254_740_993L);
        row.put("rank", 0.0607927);
        row.put("tiny", 1.0E-4);
        row.put("huge", 1.0E20);
        row.put("whole", 2.0);
        row.put("negativeZero", -0.0);
        row.put("float", 0.1f);
        row.put("decimal", new BigDecimal("12345678901234567890.000100"));
        row.put("bigInteger", new BigInteger("123456789012345678901234567890"));
        row.put("status", CommitmentStatus.IN_PROGRESS);
        row.put("json", JsonProviderHolder.jsonProvider().createObjectBuilder()
                .add("nested", JsonProviderHolder.jsonProvider().createArrayBuilder().add(1).add("two").addNull())
                .build());
        row.put("emptyList", List.of());
        row.put("emptyObject", Map.of());
        row.put("set", new LinkedHashSet<>(List.of("a", "b")));
        List<Object> rows = new ArrayList<>();
        rows.add(row);
        rows.add(null);
        rows.add(List.of(List.of(1, 2), List.of()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rows", rows);
        data.put("nothing", null);

        assertSameBytes(ExecutionResultImpl.newExecutionResult().data(data)
                .extensions(Map.of("cost", new LinkedHashMap<>(Map.of("requested", 1204, "limit", 50000))))
                .build());
    }

    @Test
    void errorsComeFirstAndAreFormattedBySmallRye() {
        var located = ApiError.of(ErrorCodes.BAD_USER_INPUT, "Argument 'id' is not a valid node id.",
                List.of(new SourceLocation(1, 3)), List.of("node"));
        var plain = GraphqlErrorBuilder.newError().message("plain \"error\"").location(new SourceLocation(2, 9))
                .path(List.of("officials", 0, "name")).extensions(Map.of("code", "INTERNAL")).build();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", null);
        Map<Object, Object> extensions = new LinkedHashMap<>();
        extensions.put("cost", Map.of("requested", 4));
        extensions.put(7, "a key that is not a string is left out");

        assertSameBytes(ExecutionResultImpl.newExecutionResult().data(data).addError(located).addError(plain)
                .extensions(extensions).build());
        // A request error: no data member at all, not "data": null.
        assertSameBytes(ExecutionResultImpl.newExecutionResult().addError(located).build());
    }

    @Test
    void nullDataAndNoExtensionsAreWrittenAsSmallRyeWritesThem() {
        assertSameBytes(ExecutionResultImpl.newExecutionResult().data(null).build());
        assertSameBytes(ExecutionResultImpl.newExecutionResult().data(Map.of()).build());
    }

    @Test
    void aValueNoScalarProducesFallsBackToSmallRyesSerializerForTheWholeResponse() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("day", LocalDate.of(2023, 11, 10));
        data.put("text", "after the odd value");

        assertSameBytes(ExecutionResultImpl.newExecutionResult().data(data).build());
    }

    @Test
    void aLoneSurrogateIsEscapedRatherThanReplaced() {
        // A JSON string may carry an escaped lone surrogate; PostgreSQL refuses to store one, but a response can
        // echo it. SmallRye's String, encoded as UTF-8, turned it into '?'; the escape keeps what the client sent.
        String lone = "term " + (char) 0xD800 + " end";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("echo", lone);
        var result = ExecutionResultImpl.newExecutionResult().data(data).build();

        assertEquals("{\"data\":{\"echo\":\"term \\uD800 end\"}}",
                new String(ResponseJson.bytes(new ExecutionResponse(result)), StandardCharsets.UTF_8));
        assertEquals(lone, JsonProviderHolder.jsonProvider()
                .createReader(new java.io.ByteArrayInputStream(ResponseJson.bytes(new ExecutionResponse(result))))
                .readObject().getJsonObject("data").getString("echo"));
    }

    @Test
    void anErrorMessageQuotingALoneSurrogateFallsBackToSmallRyesSerializer() {
        var quoting = ApiError.of(ErrorCodes.BAD_USER_INPUT, "No such term: " + (char) 0xD800, List.of(), null);

        assertSameBytes(ExecutionResultImpl.newExecutionResult().addError(quoting).build());
    }

    @Test
    void aMapWithAKeyThatIsNotAStringIsLeftToSmallRyesSerializer() {
        // Only a custom scalar could produce one. SmallRye's serializer throws ClassCastException on it
        // (a fault, answered INTERNAL); the streamed path must not answer in its stead with a body of its own.
        Map<Object, Object> odd = new LinkedHashMap<>();
        odd.put(1, "one");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("json", odd);
        var result = ExecutionResultImpl.newExecutionResult().data(data).build();

        assertThrows(ClassCastException.class, () -> new ExecutionResponse(result).getExecutionResultAsString());
        assertThrows(ClassCastException.class, () -> ResponseJson.bytes(new ExecutionResponse(result)));
    }

    private static void assertSameBytes(ExecutionResult result) {
        // The handler used to send SmallRye's String encoded as UTF-8; the bytes are what must not change.
        // Read back as ISO-8859-1, one char per byte, so that a failure shows where they differ.
        byte[] expected = new ExecutionResponse(result).getExecutionResultAsString().getBytes(StandardCharsets.UTF_8);
        byte[] actual = ResponseJson.bytes(new ExecutionResponse(result));
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(actual, StandardCharsets.ISO_8859_1));
    }
}
