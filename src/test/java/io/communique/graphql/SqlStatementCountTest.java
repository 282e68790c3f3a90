package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.communique.support.ServerStatementCounter;
import io.communique.support.SqlStatementCounter;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQL cost of a request depends on its shape, never on the amount of data: at most one
 * statement per list field, plus one. {@link LargeDatasetSqlStatementCountTest} asserts the very
 * same numbers on the seed grown a hundredfold.
 */
@QuarkusTest
class SqlStatementCountTest {

    /**
     * officials (its totalCount is counted in the same statement), statements, commitments. No seeded
     * statement with a named speaker made a commitment, so the parties level is never reached and
     * costs nothing.
     */
    static final int CANONICAL_TRAVERSAL = 3;
    /** The four list fields of canonical-traversal.graphql, plus one. */
    static final int CANONICAL_TRAVERSAL_BOUND = 5;
    /** dialogues, statements, speakers, speakers' nation, commitments, parties. */
    static final int DIALOGUE_TRAVERSAL = 6;
    /** Every database-backed field of reverse-traversal.graphql, once each. */
    static final int REVERSE_TRAVERSAL = 23;
    /** officials, then one statement per distinct set of arguments: aliases {@code one} and {@code again} ask the same. */
    static final int ALIASED_CONNECTIONS = 4;

    @Test
    void canonicalTraversalCostsAtMostOneStatementPerListFieldPlusOne() {
        int count = statementsFor("canonical-traversal");
        assertEquals(CANONICAL_TRAVERSAL, count);
        assertTrue(count <= CANONICAL_TRAVERSAL_BOUND);
    }

    @Test
    void everyLevelOfATraversalIsOneStatement() {
        assertEquals(DIALOGUE_TRAVERSAL, statementsFor("dialogue-traversal"));
    }

    @Test
    void everyNestedListIsBatched() {
        assertEquals(REVERSE_TRAVERSAL, statementsFor("reverse-traversal"));
    }

    @Test
    void aliasesAskingTheSameShareAStatementAndTheOthersGetOneEach() {
        assertEquals(ALIASED_CONNECTIONS, statementsFor("aliased-connections"));
    }

    @Test
    void aSpanReadsItsDocumentOnlyWhenAskedAndOnceForTheWholePage() {
        // Offsets and ordinals come with the statement's row; the document text (long) only on request.
        ServerStatementCounter.resetBoth();
        GraphQL.query("{ statements(first: 23) { nodes { source { start end ordinal } } } }");
        assertEquals(1, SqlStatementCounter.count());
        ServerStatementCounter.assertRanWhatHibernatePrepared();
        ServerStatementCounter.resetBoth();
        var withDocuments = GraphQL.query("{ statements(first: 23) { nodes { source { document { title } } } } }");
        assertEquals(2, SqlStatementCounter.count());
        ServerStatementCounter.assertRanWhatHibernatePrepared();
        assertEquals(23, withDocuments.getList("data.statements.nodes").size());
    }

    @Test
    void listReadsNeitherShipSearchVectorsNorLeaveThePageSizeToAGenericPlan() {
        SqlStatementCounter.reset();
        var response = GraphQL.file("canonical-traversal", "first", 7);
        assertNull(response.get("errors"), response.prettify());
        List<String> sql = SqlStatementCounter.statements();
        // The generated tsvector columns serve search's conditions; a list read that selected them
        // (c.*) was sent PostgreSQL's text form of each, longer than the row's own text.
        sql.forEach(statement -> assertFalse(statement.contains("search_vector") || statement.contains("c.*"), statement));
        // The page size is in the text, so a reused generic plan is still planned for 7 + 1 rows.
        assertTrue(sql.stream().anyMatch(statement -> statement.contains("limit 8")), sql::toString);
    }

    @Test
    void aSearchIsOneStatementWithItsPageSizeWrittenIn() {
        ServerStatementCounter.resetBoth();
        var response = GraphQL.file("search", "query", "India", "first", 4);
        assertNull(response.get("errors"), response.prettify());
        List<String> sql = SqlStatementCounter.statements();
        assertEquals(1, sql.size(), sql::toString);
        ServerStatementCounter.assertRanWhatHibernatePrepared();
        // Bound, the limit kept PostgreSQL on custom plans: the planner ran for every search.
        assertTrue(sql.get(0).contains("limit 5)"), sql::toString);
    }

    static int statementsFor(String queryFile) {
        ServerStatementCounter.resetBoth();
        var response = GraphQL.file(queryFile);
        int count = SqlStatementCounter.count();
        assertNull(response.get("errors"), response.prettify());
        ServerStatementCounter.assertRanWhatHibernatePrepared();
        return count;
    }

}
