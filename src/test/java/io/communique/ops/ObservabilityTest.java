package io.communique.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.communique.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Per-operation metrics, pool gauges, and the correlation id of every request. */
@QuarkusTest
class ObservabilityTest {

    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static String metrics() {
        return Metrics.scrape();
    }

    /** The count of the series with exactly these labels. */
    static double count(String metrics, String operation, String outcome, String type) {
        return Metrics.value(metrics, "graphql_operation_seconds_count{operation=\"" + operation + "\",outcome=\"" + outcome
                + "\",type=\"" + type + "\"}");
    }

    @Test
    void everyOperationIsTimedUnderItsNameAndType() {
        String before = metrics();
        double named = count(before, "ObservabilityProbe", "success", "query");
        double anonymous = count(before, "anonymous", "success", "query");
        double refusedMutation = count(before, "ObservabilityWrite", "error", "mutation");
        double invalid = count(before, "invalid", "error", "unknown");

        for (int i = 0; i < 3; i++) {
            GraphQL.query("query ObservabilityProbe { nations(first: 1) { totalCount } }");
        }
        GraphQL.query("{ __typename }");
        // No token: refused, so an error outcome, but the operation ran as a mutation.
        GraphQL.query("mutation ObservabilityWrite($input: UpdateCommitmentStatusInput!) { updateCommitmentStatus(input: $input)"
                + " { clientMutationId } }", "input", Map.of("commitmentId", "Q29tbWl0bWVudDox", "status", "DELIVERED",
                        "asOf", "2024-01-01", "evidence", Map.of("statementId", "U3RhdGVtZW50OjE0")));
        GraphQL.query("query ObservabilityBroken { noSuchField }");

        String after = metrics();
        assertEquals(named + 3, count(after, "ObservabilityProbe", "success", "query"), after);
        assertEquals(anonymous + 1, count(after, "anonymous", "success", "query"));
        assertEquals(refusedMutation + 1, count(after, "ObservabilityWrite", "error", "mutation"));
        assertEquals(invalid + 1, count(after, "invalid", "error", "unknown"), "a document that never ran keeps no name");
        long buckets = after.lines().filter(l -> l.startsWith("graphql_operation_seconds_bucket{operation=\"ObservabilityProbe\","
                + "outcome=\"success\",type=\"query\",le=")).count();
        assertTrue(buckets >= 10, "histogram buckets for percentiles: " + buckets);
        assertTrue(!after.contains("ObservabilityBroken"), "names of documents that did not validate are not series");
    }

    @Test
    void theConnectionPoolIsGauged() {
        GraphQL.query("{ nations(first: 1) { totalCount } }");
        String metrics = metrics();
        for (String gauge : new String[] {"agroal_active_count", "agroal_available_count", "agroal_awaiting_count",
                "agroal_max_used_count"}) {
            assertTrue(Pattern.compile("(?m)^" + gauge + "\\{datasource=\"default\"").matcher(metrics).find(),
                    gauge + " in " + metrics.lines().filter(l -> l.startsWith("agroal")).toList());
        }
    }

    @Test
    void aRequestWithoutAnIdGetsANewOneInTheResponse() {
        String first = given().contentType("application/json").body("{\"query\":\"{ __typename }\"}")
                .when().post("/graphql").then().statusCode(200).extract().header("X-Request-ID");
        String second = given().contentType("application/json").body("{\"query\":\"{ __typename }\"}")
                .when().post("/graphql").then().statusCode(200).extract().header("X-Request-ID");
        assertTrue(first != null && UUID.matcher(first).matches(), String.valueOf(first));
        assertNotEquals(first, second);
        String health = given().when().get("/q/health/live").then().extract().header("X-Request-ID");
        assertTrue(health != null && UUID.matcher(health).matches(), "every route, not only /graphql");
    }

    @Test
    void aWellFormedIdFromTheClientIsKeptAndAMalformedOneReplaced() {
        String kept = given().header("X-Request-ID", "mobile-7f3a:42_b.1").contentType("application/json")
                .body("{\"query\":\"{ __typename }\"}").when().post("/graphql").then().extract().header("X-Request-ID");
        assertEquals("mobile-7f3a:42_b.1", kept);

        var viaCorrelation = given().header("X-Correlation-ID", "corr-1234").contentType("application/json")
                .body("{\"query\":\"{ __typename }\"}").when().post("/graphql").then().extract();
        assertEquals("corr-1234", viaCorrelation.header("X-Request-ID"));
        assertEquals("corr-1234", viaCorrelation.header("X-Correlation-ID"));
        // Both sent: X-Request-ID wins and both headers carry it; a malformed X-Request-ID leaves the other to win.
        var both = given().header("X-Request-ID", "req-1").header("X-Correlation-ID", "corr-1").contentType("application/json")
                .body("{\"query\":\"{ __typename }\"}").when().post("/graphql").then().extract();
        assertEquals("req-1", both.header("X-Request-ID"));
        assertEquals("req-1", both.header("X-Correlation-ID"));
        var badRequestId = given().header("X-Request-ID", "bad id").header("X-Correlation-ID", "corr-1")
                .contentType("application/json").body("{\"query\":\"{ __typename }\"}").when().post("/graphql").then().extract();
        assertEquals("corr-1", badRequestId.header("X-Request-ID"));
        assertEquals("corr-1", badRequestId.header("X-Correlation-ID"));

        for (String malformed : new String[] {"two words", "x".repeat(129), "id\"with-quote", "-leading-dash", "log\\nforged"}) {
            String replaced = given().header("X-Request-ID", malformed).contentType("application/json")
                    .body("{\"query\":\"{ __typename }\"}").when().post("/graphql").then().extract().header("X-Request-ID");
            assertTrue(UUID.matcher(replaced).matches(), malformed + " -> " + replaced);
        }
    }
}
