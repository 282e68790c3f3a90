package io.communique.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.errors.ErrorCodes;
import io.restassured.path.json.JsonPath;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Assertions every error response must meet, whatever its code. */
public final class Errors {

    /** The documented set: the public constants of {@link ErrorCodes}. */
    public static final Set<String> DOCUMENTED = Stream.of(ErrorCodes.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(Errors::value)
            .collect(Collectors.toUnmodifiableSet());

    private Errors() {
    }

    /**
     * Asserts the response holds exactly one error, with {@code code}, a code from the documented
     * set, no graphql-java classification and no Java internals; returns that error.
     */
    public static Map<String, Object> single(JsonPath response, String code) {
        List<Map<String, Object>> errors = response.getList("errors");
        assertNotNull(errors, response.prettify());
        assertEquals(1, errors.size(), response.prettify());
        wellFormed(response);
        assertEquals(code, response.getString("errors[0].extensions.code"), response.prettify());
        return errors.get(0);
    }

    /** Every error has a documented code and nothing that betrays the implementation. */
    public static void wellFormed(JsonPath response) {
        List<Map<String, Object>> errors = response.getList("errors");
        for (int i = 0; i < errors.size(); i++) {
            String code = response.getString("errors[" + i + "].extensions.code");
            assertTrue(DOCUMENTED.contains(code), "undocumented code " + code + " in " + response.prettify());
            assertNotNull(response.getString("errors[" + i + "].message"));
            assertFalse(response.getMap("errors[" + i + "].extensions").containsKey("classification"), response.prettify());
        }
        String body = response.prettify();
        for (String internal : List.of("Exception", "java.", "org.", "io.smallrye", "graphql.", "hibernate", "SQL",
                "select ", "StringValue", "IntValue", "Value{", "ObjectField", "BigDecimal", "Unknown Scalar", "System error", "\tat ")) {
            assertFalse(body.contains(internal), "'" + internal + "' in " + body);
        }
        assertNotNull(response.get("extensions.cost"), "every response reports its cost: " + body);
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
