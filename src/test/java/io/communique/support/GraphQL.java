package io.communique.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Sends GraphQL requests over HTTP, as a client would. Queries live in src/test/resources/graphql. */
public final class GraphQL {

    private GraphQL() {
    }

    /** The text of {@code src/test/resources/graphql/<name>.graphql}. */
    public static String load(String name) {
        try (InputStream in = GraphQL.class.getResourceAsStream("/graphql/" + name + ".graphql")) {
            if (in == null) {
                throw new IllegalArgumentException("no query file graphql/" + name + ".graphql");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the query file {@code name} with variables given as key, value, key, value... */
    public static JsonPath file(String name, Object... variables) {
        return query(load(name), variables);
    }

    /** Runs {@code query} and returns the whole response body (data and errors). HTTP must be 200. */
    public static JsonPath query(String query, Object... variables) {
        return as(null, query, variables);
    }

    /** Runs {@code query} with {@code Authorization: Bearer <token>} (none if token is null). */
    public static JsonPath as(String token, String query, Object... variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables(variables));
        var request = given().contentType(ContentType.JSON).accept(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Variables given as key, value, key, value... as a map. */
    public static Map<String, Object> variables(Object... variables) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        return vars;
    }
}
