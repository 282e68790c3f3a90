package io.communique.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.introspection.IntrospectionQuery;
import io.agroal.api.AgroalDataSource;
import io.communique.errors.ErrorCodes;
import io.communique.support.Errors;
import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.communique.support.ServerStatementCounter;
import io.communique.support.SqlStatementCounter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each limit refuses an operation before anything runs (no SQL statement at all) with its own
 * code, at the default configuration of application.properties.
 */
@QuarkusTest
class LimitsTest {

    static final int MAX_COST = 50_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aQueryDeeperThanTwentyLevelsIsRefusedBeforeAnySql() {
        var response = refusedWithoutSql(() -> GraphQL.file("too-deep"));
        var error = Errors.single(response, ErrorCodes.QUERY_TOO_DEEP);
        assertEquals(21, response.getInt("errors[0].extensions.depth"));
        assertEquals(20, response.getInt("errors[0].extensions.limit"));
        assertTrue(error.get("message").toString().contains("21"), error.toString());
    }

    @Test
    void aQueryTwentyLevelsDeepRuns() {
        var response = GraphQL.file("deep-at-limit");
        assertNull(response.get("errors"), response.prettify());
        assertEquals(1, response.getList("data.officials.nodes").size());
    }

    @Test
    void graphiqlsIntrospectionQueryPasses() {
        var response = GraphQL.file("graphiql-introspection");
        assertNull(response.get("errors"), response.prettify());
        assertFalse(response.getList("data.__schema.types").isEmpty());
        // Introspection reads no database, so it costs nothing.
        assertEquals(0, response.getInt("extensions.cost.requested"));
    }

    @Test
    void graphqlJavasIntrospectionQueryPasses() {
        var response = GraphQL.query(IntrospectionQuery.INTROSPECTION_QUERY);
        assertNull(response.get("errors"), response.prettify());
        assertEquals("Query", response.getString("data.__schema.queryType.name"));
    }

    @Test
    void introspectionExpandingTypesMoreThanOnceIsRefusedWithItsOwnCodeBeforeAnySql() {
        // It used to come back as INTERNAL, logged as a server fault: a client's query is not one.
        var response = refusedWithoutSql(() -> GraphQL.file("introspection-repeated"));
        var error = Errors.single(response, ErrorCodes.INTROSPECTION_TOO_LARGE);
        assertTrue(error.get("message").toString().contains("__Type.fields"), error.toString());
        assertNull(response.get("data"), response.prettify());
    }

    @Test
    void aQueryOverTheCostBudgetIsRefusedBeforeAnySql() {
        var response = refusedWithoutSql(() -> GraphQL.file("too-costly"));
        Errors.single(response, ErrorCodes.QUERY_TOO_COMPLEX);
        // Computed by hand in too-costly.graphql.
        assertEquals(110_201, response.getInt("errors[0].extensions.cost.requested"));
        assertEquals(110_201, response.getInt("extensions.cost.requested"));
        assertEquals(MAX_COST, response.getInt("extensions.cost.limit"));
        assertNull(response.get("data"));
    }

    @Test
    void anExportCountsAsTheDialogueItHolds() {
        // A JSON scalar cost nothing like any scalar, so fifty exports in one operation passed the limit.
        String dialogue = Ids.base64("Dialogue:1");
        var one = GraphQL.file("export-dialogue", "id", dialogue);
        assertNull(one.get("errors"), one.prettify());
        assertEquals(DialogueExchangeApi.EXPORT_COST, one.getInt("extensions.cost.requested"));

        var eleven = refusedWithoutSql(() -> GraphQL.file("export-dialogue-eleven-times", "id", dialogue));
        Errors.single(eleven, ErrorCodes.QUERY_TOO_COMPLEX);
        assertEquals(11 * DialogueExchangeApi.EXPORT_COST, eleven.getInt("extensions.cost.requested"));
    }

    @Test
    void everyResponseReportsItsCostWithVariablesResolved() {
        // Computed by hand in known-cost.graphql: 2 + 15n.
        var three = GraphQL.file("known-cost", "n", 3);
        assertNull(three.get("errors"), three.prettify());
        assertEquals(3, three.getList("data.officials.nodes").size());
        assertEquals(47, three.getInt("extensions.cost.requested"));
        assertEquals(MAX_COST, three.getInt("extensions.cost.limit"));
        assertEquals(77, GraphQL.file("known-cost", "n", 5).getInt("extensions.cost.requested"));
    }

    @Test
    void fragmentsOnDifferentTypesCostTheDearestTypeAndPagesDefaultToTwenty() {
        var response = GraphQL.file("cost-by-type", "id", Ids.base64("Official:1"));
        assertNull(response.get("errors"), response.prettify());
        // Computed by hand in cost-by-type.graphql.
        assertEquals(43, response.getInt("extensions.cost.requested"));
    }

    @Test
    void nodesCountsOneItemPerIdNotAPlainListsFive() {
        List<String> hundred = IntStream.rangeClosed(1, 100).mapToObj(k -> Ids.base64("Official:" + k)).toList();
        // Computed by hand in cost-of-nodes.graphql: 2n.
        var response = GraphQL.file("cost-of-nodes", "ids", hundred);
        assertNull(response.get("errors"), response.prettify());
        assertEquals(100, response.getList("data.nodes").size());
        assertEquals(200, response.getInt("extensions.cost.requested"));
        assertEquals(2, GraphQL.file("cost-of-nodes", "ids", List.of(Ids.base64("Official:1"))).getInt("extensions.cost.requested"));
        assertEquals(0, GraphQL.file("cost-of-nodes", "ids", List.of()).getInt("extensions.cost.requested"));
        // A single value is coerced to a list of one.
        assertEquals(2, GraphQL.file("cost-of-nodes", "ids", Ids.base64("Official:1")).getInt("extensions.cost.requested"));
        assertEquals(6, GraphQL.query("{ nodes(ids: [\"a\", \"b\", \"c\"]) { ... on Official { nation { code } } } }")
                .getInt("extensions.cost.requested"));
        assertEquals(2, GraphQL.query("{ nodes(ids: \"a\") { ... on Official { nation { code } } } }")
                .getInt("extensions.cost.requested"));
        // More than 100 ids are refused by the field; the cost counts the most it could return.
        List<String> more = IntStream.rangeClosed(1, 150).mapToObj(k -> Ids.base64("Official:" + k)).toList();
        assertEquals(200, GraphQL.file("cost-of-nodes", "ids", more).getInt("extensions.cost.requested"));

        var refused = refusedWithoutSql(() -> GraphQL.file("too-costly-nodes", "ids", hundred));
        Errors.single(refused, ErrorCodes.QUERY_TOO_COMPLEX);
        assertEquals(60_200, refused.getInt("extensions.cost.requested"));
    }

    @Test
    void aChangeSetsListsHoldFirstItems() {
        // changes.graphql: changes 1 + nodes first + tombstones first (each can hold the whole page).
        assertEquals(201, GraphQL.file("changes", "first", 100).getInt("extensions.cost.requested"));
        assertEquals(201, GraphQL.file("changes").getInt("extensions.cost.requested"), "100 when first is not given");
        assertEquals(7, GraphQL.file("changes", "first", 3).getInt("extensions.cost.requested"));
        assertEquals(1, GraphQL.file("changes", "first", 0).getInt("extensions.cost.requested"));
    }

    @Test
    void commitmentStatsCountsTheMostGroupsItReturns() {
        // commitment-stats.graphql, per group: the group 1 + nation, topic, dialogue 3 + byStatus 6 = 10. byStatus
        // always holds one count per status, so it is not a plain list's estimate of 5.
        var one = GraphQL.file("commitment-stats", "groupBy", List.of());
        assertEquals(6, one.getList("data.commitmentStats[0].byStatus").size(), one.prettify());
        assertEquals(10, one.getInt("extensions.cost.requested"));
        assertEquals(6 * 10, GraphQL.file("commitment-stats", "groupBy", List.of("STATUS")).getInt("extensions.cost.requested"));
        // Groups by nation, topic or dialogue grow with the data: at most 1,000 are returned.
        assertEquals(1000 * 10, GraphQL.file("commitment-stats", "groupBy", List.of("NATION")).getInt("extensions.cost.requested"));
        var all = GraphQL.file("commitment-stats", "groupBy", List.of("NATION", "TOPIC", "STATUS", "DIALOGUE"));
        assertNull(all.get("errors"), all.prettify());
        assertTrue(all.getList("data.commitmentStats").size() > 5, "more groups than a plain list's estimate");
        assertEquals(1000 * 10, all.getInt("extensions.cost.requested"));
    }

    @Test
    void anEmptyPageHoldsNothing() {
        // known-cost.graphql costs 2 + 15n: 2 for n = 0, not the 77 of a list of unknown length.
        var empty = GraphQL.file("known-cost", "n", 0);
        assertNull(empty.get("errors"), empty.prettify());
        assertEquals(List.of(), empty.getList("data.officials.nodes"));
        assertEquals(2, empty.getInt("extensions.cost.requested"));
        var deep = GraphQL.query("{ officials(first: 0) { totalCount nodes { statements(first: 100) { nodes { topics {"
                + " statements(first: 100) { nodes { id } } } } } } } }");
        assertNull(deep.get("errors"), deep.prettify());
        assertEquals(1, deep.getInt("extensions.cost.requested"));
    }

    @Test
    void theSeedsLargestTestQueriesFitTheBudget() {
        for (String query : new String[] {"canonical-traversal", "dialogue-traversal", "reverse-traversal", "all-commitments",
            "all-statements", "acceptance"}) {
            var response = GraphQL.file(query);
            assertNull(response.get("errors"), query + ": " + response.prettify());
            assertTrue(response.getLong("extensions.cost.requested") <= MAX_COST, query);
        }
    }

    @Test
    void aDocumentOfMoreThanFifteenThousandTokensIsRefusedBeforeAnySql() {
        // 16,002 tokens: generated, as a file of that size would say nothing more.
        String query = "{ " + "__typename ".repeat(16_000) + "}";
        var response = refusedWithoutSql(() -> GraphQL.query(query));
        Errors.single(response, ErrorCodes.TOO_MANY_TOKENS);
        assertEquals(15_000, response.getInt("errors[0].extensions.limit"));
    }

    @Test
    void aDocumentOfExactlyFifteenThousandTokensRunsAndOneMoreIsRefused() {
        // graphql-java counts the end of the document as a token: exactly 15,000 was refused as "more than 15000".
        var atLimit = GraphQL.query(tokens(15_000), "ids", List.of());
        assertNull(atLimit.get("errors"), () -> atLimit.getString("errors[0].message"));
        assertEquals(List.of(), atLimit.getList("data.nodes"));

        var response = refusedWithoutSql(() -> GraphQL.query(tokens(15_001), "ids", List.of()));
        var error = Errors.single(response, ErrorCodes.TOO_MANY_TOKENS);
        assertEquals("The document has more than 15000 tokens, the limit; parsing was stopped.", error.get("message"));
        assertEquals(15_000, response.getInt("errors[0].extensions.limit"));
    }

    /**
     * A document of {@code n} grammar tokens that runs: 26 around a default value of {@code n - 26} strings,
     * which the variable's value replaces (a long list literal where the field used it would be over
     * {@code nodes}' 100 ids, and a long selection over the field limit).
     */
    private static String tokens(int n) {
        return "query($ids: [String!]! = [" + " \"x\"".repeat(n - 26) + " ]) { nodes(ids: $ids) { id } }";
    }

    @Test
    void moreThanTwoHundredThousandIgnoredTokensAreNamedAsSuch() {
        // graphql-java counts whitespace and commas against a limit of their own; this was reported as more than
        // 15,000 tokens, which a document of one field does not have.
        String query = "{ __typename" + " ".repeat(210_000) + "}";
        var response = refusedWithoutSql(() -> GraphQL.query(query));
        var error = Errors.single(response, ErrorCodes.TOO_MANY_TOKENS);
        assertEquals("The document has more than 200000 ignored tokens (whitespace, commas and comments), the limit;"
                + " parsing was stopped.", error.get("message"));
        assertEquals(200_000, response.getInt("errors[0].extensions.limit"));
    }

    @Test
    void moreThanFiftyAliasesAreRefusedBeforeAnySql() {
        var response = refusedWithoutSql(() -> GraphQL.file("too-many-aliases"));
        Errors.single(response, ErrorCodes.TOO_MANY_ALIASES);
        assertEquals(51, response.getInt("errors[0].extensions.aliases"));
    }

    @Test
    void aliasesInAFragmentCountOncePerSpread() {
        var response = refusedWithoutSql(() -> GraphQL.file("aliases-in-fragment"));
        Errors.single(response, ErrorCodes.TOO_MANY_ALIASES);
        assertEquals(52, response.getInt("errors[0].extensions.aliases"));
    }

    @Test
    void moreThanFiftyDirectivesAreRefusedBeforeAnySql() {
        var response = refusedWithoutSql(() -> GraphQL.file("too-many-directives"));
        Errors.single(response, ErrorCodes.TOO_MANY_DIRECTIVES);
        assertEquals(52, response.getInt("errors[0].extensions.directives"));
    }

    @Test
    void aFragmentFloodIsRefusedByItsExpandedFieldCountBeforeAnySql() {
        var response = refusedWithoutSql(() -> GraphQL.file("fragment-flood"));
        var error = Errors.single(response, ErrorCodes.TOO_MANY_FIELDS);
        assertEquals(16_777_216L, response.getLong("errors[0].extensions.fields"));
        assertEquals(5000, response.getInt("errors[0].extensions.limit"));
        assertTrue(error.get("message").toString().startsWith("The query selects 16777216 fields once its fragments"
                + " are expanded, more than the limit of 5000."), error.toString());
    }

    @Test
    void fiveThousandFieldsOnceExpandedRun() {
        var response = GraphQL.file("fields-at-limit");
        assertNull(response.get("errors"), response.prettify());
        assertEquals("Query", response.getString("data.__typename"));
    }

    @Test
    void aQueryWithinEveryLimitRunsItsSql() {
        // The control for refusedWithoutSql: the same counters do count an operation that runs.
        ServerStatementCounter.resetBoth();
        var response = GraphQL.file("known-cost", "n", 1);
        assertNull(response.get("errors"), response.prettify());
        assertTrue(SqlStatementCounter.count() > 0);
        ServerStatementCounter.assertRanWhatHibernatePrepared();
    }

    @Test
    void clientBudgetsAreOffUnlessConfigured() {
        // ClientBudgetTest turns them on; with them on, every answer to a POST says where its client's budget stands.
        var answer = given().contentType(ContentType.JSON).body(Map.of("query", "{ __typename }"))
                .when().post("/graphql").then().statusCode(200).extract();
        assertNull(answer.header("X-RateLimit-Limit"), answer.headers().toString());
        assertNull(answer.header("X-RateLimit-Remaining"), answer.headers().toString());
    }

    @Test
    void everyPooledConnectionCarriesTheDefaultStatementAndLockTimeouts() throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            for (var setting : Map.of("statement_timeout", "10s", "lock_timeout", "5s").entrySet()) {
                try (var rs = statement.executeQuery("show " + setting.getKey())) {
                    rs.next();
                    assertEquals(setting.getValue(), rs.getString(1), setting.getKey());
                }
            }
        }
    }

    private static JsonPath refusedWithoutSql(Supplier<JsonPath> request) {
        ServerStatementCounter.resetBoth();
        var response = request.get();
        // A refused operation runs no SQL, not even the driver's own: nothing reaches PostgreSQL.
        ServerStatementCounter.assertNoneRan();
        return response;
    }
}
