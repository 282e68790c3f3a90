package io.communique.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.communique.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.Test;

/** What an operator relies on: probes, Prometheus metrics, compressed responses. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessNeedsTheDatabaseAndEveryMigration() throws java.io.IOException {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database migrations"))
                .body("checks.find { it.name == 'Database migrations' }.data.pending", equalTo(0))
                .body("checks.find { it.name == 'Database migrations' }.data.version", equalTo(newestMigration()))
                .body("checks.name", hasItem("Database connections health check"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** The version of the newest migration this build ships, e.g. "3" for V3__search.sql. */
    private static String newestMigration() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max(Integer::compare)
                    .map(String::valueOf).orElseThrow();
        }
    }

    @Test
    void prometheusMetricsCoverGraphQLHttpAndThePool() {
        GraphQL.query("{ officials(first: 1) { nodes { name } } }");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertAll(
                () -> org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("mp_graphql_seconds_count{"), "per-field GraphQL timers"),
                () -> org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("http_server_requests_seconds_bucket")
                        || metrics.contains("http_server_requests_seconds_count{"), "HTTP request timers"),
                () -> org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("uri=\"/graphql\""), "requests grouped by route"),
                () -> org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("agroal_active_count"), "connection pool gauges"));
    }

    /**
     * Batched {@code @Source} fields run on io.communique.engine.SourceBatchFetchers, which queues
     * each parent without SmallRye's per-parent timer. If a SmallRye upgrade stopped that swap,
     * nothing would break but the traversal's CPU cost (bench/README.md); the timers coming back
     * is how it would show.
     */
    @Test
    void batchedFieldsAreNotTimedOneParentAtATime() {
        GraphQL.query("{ officials(first: 3) { nodes { statements(first: 2) { nodes { commitments { parties { role } } } } } } }");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertAll(
                () -> org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("mp_graphql_seconds_count{name=\"officials\""),
                        "the root field is timed"),
                () -> org.junit.jupiter.api.Assertions.assertFalse(metrics.contains("source=\"true\""),
                        "no @Source field is timed per parent"));
    }

    @Test
    void jsonResponsesAreCompressedForClientsThatAskForIt() {
        var response = given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .contentType("application/json").header("Accept-Encoding", "gzip")
                .body("{\"query\":\"{ statements(first: 23) { nodes { text } } }\"}")
                .when().post("/graphql");
        response.then().statusCode(200).header("Content-Encoding", equalTo("gzip"));
        given().contentType("application/json").header("Accept-Encoding", "gzip")
                .body("{\"query\":\"{ statements(first: 23) { nodes { text } } }\"}")
                .when().post("/graphql").then().body("data.statements.nodes[0].text", containsString("India and the US"));
        // Below 1 KB gzip costs more than it saves.
        given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .contentType("application/json").header("Accept-Encoding", "gzip")
                .body("{\"query\":\"{ nation(code: \\\"IN\\\") { name } }\"}")
                .when().post("/graphql").then().statusCode(200).header("Content-Encoding", nullValue());
    }
}
