package io.communique.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Browser clients are allowed from the configured origins only (tests configure https://app.example.org). */
@QuarkusTest
class CorsTest {

    @Test
    void preflightFromAConfiguredOriginIsAllowed() {
        given().header("Origin", "https://app.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .when().options("/graphql")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://app.example.org"))
                .header("Access-Control-Allow-Methods", containsString("POST"));
    }

    @Test
    void browsersMaySendARequestIdAndRevalidateAndReadTheAnswersIdAndTag() {
        given().header("Origin", "https://app.example.org")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,x-request-id,if-none-match")
                .when().options("/graphql")
                .then().statusCode(200)
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("x-request-id"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("if-none-match"));
        given().header("Origin", "https://app.example.org").contentType("application/json")
                .body(Map.of("query", "{ __typename }"))
                .when().post("/graphql")
                .then().statusCode(200)
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("x-request-id"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("etag"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("retry-after"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("x-ratelimit-remaining"));
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        given().header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/graphql")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
