package io.communique.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.Errors;
import io.communique.support.GraphQL;
import io.communique.support.GraphQLWs;
import io.communique.support.Ids;
import io.communique.support.Metrics;
import io.communique.support.OwnDatabaseProfile;
import io.communique.support.ServerStatementCounter;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each client's budget of cost points (README, "Limits"), on a budget of 100 that comes back at a point
 * every 1,000 s, so that nothing this test does is undone by time passing. Every test spends the budget
 * of clients of its own (a forwarded address, or a caller's name, made up per test), whatever order the
 * tests run in.
 */
@QuarkusTest
@TestProfile(ClientBudgetTest.Budgeted.class)
class ClientBudgetTest {

    static final String DATABASE = "communique_budgets";
    static final TrackingDatabase DB = new TrackingDatabase(DATABASE);
    static final String OFFICIALS = GraphQL.load("budget-officials");

    public static class Budgeted extends OwnDatabaseProfile {
        public Budgeted() {
            super(DATABASE);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "communique.limits.max-cost", "100",
                    "communique.limits.client-budget", "100",
                    "communique.limits.client-budget-restore-rate", "0.001",
                    // The test client is every client: each test names its own through X-Forwarded-For.
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** An address no other test of this application has sent from. */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10.0." + (n >> 8) + "." + (n & 0xff);
    }

    private static String newCaller() {
        return "budget-" + UUID.randomUUID();
    }

    /** Officials' names at a cost of {@code cost} points, sent from {@code address}, signed in with {@code token} if not null. */
    private static ExtractableResponse<Response> spend(String address, String token, int cost) {
        return send(address, token, ContentType.JSON.toString(), OFFICIALS, Map.of("first", cost - 1));
    }

    private static ExtractableResponse<Response> send(String address, String token, String accept, String query,
            Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        var request = given().contentType(ContentType.JSON).accept(accept).header("X-Forwarded-For", address).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/graphql").then().extract();
    }

    private static void assertServed(ExtractableResponse<Response> response) {
        assertEquals(200, response.statusCode(), response.asString());
        assertNull(response.jsonPath().get("errors"), response.asString());
    }

    @Test
    void anOperationOverItsClientsBudgetIsRefusedWith429AndWhenToRetry() {
        String address = newAddress();
        long now = System.currentTimeMillis() / 1000;
        var served = spend(address, null, 60);
        assertServed(served);
        assertEquals("100", served.header("X-RateLimit-Limit"));
        assertEquals("40", served.header("X-RateLimit-Remaining"));
        // Full again once the 60 points spent are back, at a point every 1,000 s.
        long reset = Long.parseLong(served.header("X-RateLimit-Reset"));
        assertTrue(reset >= now + 60_000 && reset <= System.currentTimeMillis() / 1000 + 60_000, "reset " + reset);

        double refusedBefore = Metrics.value(Metrics.scrape(), "communique_client_budget_refusals_total");
        ServerStatementCounter.resetBoth();
        var refused = spend(address, null, 60);
        ServerStatementCounter.assertNoneRan();
        String metrics = Metrics.scrape();
        assertEquals(refusedBefore + 1, Metrics.value(metrics, "communique_client_budget_refusals_total"), metrics);
        assertTrue(Metrics.value(metrics, "communique_client_budget_buckets") >= 1, metrics);
        assertEquals(429, refused.statusCode(), refused.asString());
        var body = refused.jsonPath();
        var error = Errors.single(body, "RATE_LIMITED");
        assertFalse(body.getMap("$").containsKey("data"), body.prettify());
        assertEquals(60, body.getInt("extensions.cost.requested"), body.prettify());
        assertEquals(40, body.getInt("errors[0].extensions.throttleStatus.currentlyAvailable"), body.prettify());
        assertEquals(100, body.getInt("errors[0].extensions.throttleStatus.maximumAvailable"), body.prettify());
        assertEquals(0.001, body.getDouble("errors[0].extensions.throttleStatus.restoreRate"), 1e-9, body.prettify());
        // 20 points missing at a point every 1,000 s; a moment of the test's own time may have passed.
        long retryAfter = body.getLong("errors[0].extensions.retryAfter");
        assertTrue(retryAfter > 19_000 && retryAfter <= 20_000, body.prettify());
        assertEquals(Long.toString(retryAfter), refused.header("Retry-After"));
        assertEquals("40", refused.header("X-RateLimit-Remaining"), "the refusal took nothing");
        assertEquals("This operation costs 60 points and this client has 40 of its 100 left, which come back at 0.001 a"
                + " second: retry in " + retryAfter + " s, or ask for fewer items.", error.get("message"));

        // What is left can still be spent, and graphql-response+json clients are told the same way.
        assertServed(spend(address, null, 40));
        var again = send(address, null, "application/graphql-response+json", OFFICIALS, Map.of("first", 0));
        assertEquals(429, again.statusCode(), again.asString());
        assertEquals("RATE_LIMITED", again.jsonPath().getString("errors[0].extensions.code"));
        assertTrue(again.contentType().startsWith("application/graphql-response+json"), again.contentType());
    }

    @Test
    void aQuerySentWithGetSpendsTheSameBudget() {
        String address = newAddress();
        assertServed(spend(address, null, 100));
        var refused = given().accept(ContentType.JSON).header("X-Forwarded-For", address)
                .queryParam("query", "{ __typename }").when().get("/graphql").then().extract();
        assertEquals(429, refused.statusCode(), refused.asString());
        Errors.single(refused.jsonPath(), "RATE_LIMITED");
        assertEquals(refused.jsonPath().getString("errors[0].extensions.retryAfter"), refused.header("Retry-After"));
        assertNull(refused.header("ETag"), "a refusal is not an answer to keep");
    }

    @Test
    void anAnonymousGetsAnswerWhichSharedCachesMayKeepTellsNoBudget() {
        String address = newAddress();
        var shared = given().accept(ContentType.JSON).header("X-Forwarded-For", address)
                .queryParam("query", "{ __typename }").when().get("/graphql").then().extract();
        assertServed(shared);
        assertTrue(shared.header("Cache-Control").startsWith("public"), shared.header("Cache-Control"));
        assertNull(shared.header("X-RateLimit-Remaining"), "another client could be given this answer");

        String caller = Tokens.forCaller(newCaller(), "editor");
        var own = given().accept(ContentType.JSON).header("X-Forwarded-For", address).header("Authorization", "Bearer " + caller)
                .queryParam("query", "{ __typename }").when().get("/graphql").then().extract();
        assertServed(own);
        assertEquals("99", own.header("X-RateLimit-Remaining"));
    }

    @Test
    void everyOperationCostsAPointEvenOneThatReadsNothing() {
        String address = newAddress();
        for (int i = 0; i < 100; i++) {
            assertServed(send(address, null, ContentType.JSON.toString(), "{ __typename }", Map.of()));
        }
        var refused = send(address, null, ContentType.JSON.toString(), "{ __typename }", Map.of());
        assertEquals(429, refused.statusCode(), refused.asString());
        Errors.single(refused.jsonPath(), "RATE_LIMITED");
    }

    @Test
    void clientsSpendBudgetsOfTheirOwn() {
        String spent = newAddress();
        assertServed(spend(spent, null, 100));
        assertEquals(429, spend(spent, null, 1).statusCode());

        assertServed(spend(newAddress(), null, 100));
        // A signed-in caller spends the budget of its name, wherever it sends from.
        String caller = Tokens.forCaller(newCaller(), "editor");
        assertServed(spend(spent, caller, 100));
        assertEquals(429, spend(newAddress(), caller, 1).statusCode());
    }

    @Test
    void anOperationRefusedForAnotherLimitCostsItsClientNothing() {
        String address = newAddress();
        var tooComplex = spend(address, null, 101);
        Errors.single(tooComplex.jsonPath(), "QUERY_TOO_COMPLEX");
        var invalid = send(address, null, ContentType.JSON.toString(), "{ officials { noSuchField } }", Map.of());
        Errors.single(invalid.jsonPath(), "VALIDATION_FAILED");
        assertServed(spend(address, null, 100));
    }

    @Test
    void aMutationRefusedForItsClientsBudgetWritesNothing() throws Exception {
        String editor = Tokens.forCaller(newCaller(), "editor");
        assertServed(spend(newAddress(), editor, 100));
        var before = DB.contents();

        ServerStatementCounter.resetBoth();
        var refused = send(newAddress(), editor, ContentType.JSON.toString(), GraphQL.load("editorial-create-official"),
                Map.of("input", Map.of("name", "Budget Official", "nationId", Ids.base64("Nation:1"))));
        ServerStatementCounter.assertNoneRan();
        assertEquals(429, refused.statusCode(), refused.asString());
        Errors.single(refused.jsonPath(), "RATE_LIMITED");
        assertEquals(before, DB.contents());
    }

    @Test
    void operationsOverAWebSocketSpendTheBudgetOfWhoeverOpenedIt() throws Exception {
        String name = newCaller();
        String token = Tokens.forCaller(name, "editor");
        try (GraphQLWs socket = GraphQLWs.connectAs(token)) {
            socket.subscribe("1", OFFICIALS, Map.of("first", 99));
            var served = socket.next("1");
            assertEquals("next", served.getString("type"), served.encode());
            assertNull(served.getJsonObject("payload").getValue("errors"), served.encode());

            socket.subscribe("2", OFFICIALS, Map.of("first", 0));
            var refused = socket.next("2");
            assertEquals("error", refused.getString("type"), refused.encode());
            assertEquals("RATE_LIMITED", refused.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions")
                    .getString("code"), refused.encode());
            assertTrue(refused.getJsonArray("payload").getJsonObject(0).getString("message")
                    .startsWith("This operation costs 1 point and this client has 0 of its 100 left"), refused.encode());
        }
        // The same caller over HTTP finds the budget the socket spent.
        assertEquals(429, spend(newAddress(), token, 1).statusCode());
    }
}
