package io.communique.graphql;

import static io.communique.graphql.SqlStatementCountTest.statementsFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.communique.errors.ErrorCodes;
import io.communique.support.EmbeddedPostgresResource;
import io.communique.support.Errors;
import io.communique.support.OwnDatabaseProfile;
import io.communique.support.GraphQL;
import io.communique.support.SqlStatementCounter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed grown a hundredfold, in a database of its own: 99 copies of the seeded dialogue with all
 * their rows and links, so the data keeps the seed's shape at 100 times its size. The same queries
 * must cost exactly the same statements as on the seed.
 */
@QuarkusTest
@TestProfile(LargeDatasetSqlStatementCountTest.Large.class)
class LargeDatasetSqlStatementCountTest {

    static final String DATABASE = "communique_large";
    static final int COPIES = 99;

    public static class Large extends OwnDatabaseProfile {
        public Large() {
            super(DATABASE);
        }
    }

    @BeforeEach
    void growTheSeedAHundredfold() throws SQLException {
        try (var connection = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(DATABASE), "postgres", "");
                var statement = connection.createStatement()) {
            var rs = statement.executeQuery("select count(*) from official");
            rs.next();
            if (rs.getInt(1) > 5) {
                return;
            }
            // Copy k of a seed row gets key + k * 1000; seed keys are all below 1000.
            statement.execute(("""
                    insert into dialogue (id, title, format, edition, held_on, place)
                      select id + k * 1000, title || ' #' || k, format, edition, held_on, place from dialogue, K;
                    insert into dialogue_nation select dialogue_id + k * 1000, nation_id from dialogue_nation, K;
                    insert into official (id, name, nation_id, other_names)
                      select id + k * 1000, name || ' #' || k, nation_id, other_names from official, K;
                    insert into office (id, official_id, title, start_date)
                      select id + k * 1000, official_id + k * 1000, title, start_date from office, K;
                    insert into dialogue_participant (id, dialogue_id, official_id, role)
                      select id + k * 1000, dialogue_id + k * 1000, official_id + k * 1000, role from dialogue_participant, K;
                    insert into source_document (id, title, published_on, content)
                      select id + k * 1000, title, published_on, content from source_document, K;
                    insert into statement (id, dialogue_id, document_id, ordinal, span_start, span_end, text, kind)
                      select id + k * 1000, dialogue_id + k * 1000, document_id + k * 1000, ordinal, span_start, span_end,
                             text, kind from statement, K;
                    insert into statement_speaker select statement_id + k * 1000, official_id + k * 1000 from statement_speaker, K;
                    insert into statement_nation select statement_id + k * 1000, nation_id from statement_nation, K;
                    insert into statement_topic select statement_id + k * 1000, topic_id from statement_topic, K;
                    insert into statement_subject select statement_id + k * 1000, subject_id from statement_subject, K;
                    insert into commitment (id, dialogue_id, title, description, kind)
                      select id + k * 1000, dialogue_id + k * 1000, title || ' #' || k, description, kind from commitment, K;
                    insert into commitment_party (id, commitment_id, nation_id, subject_id, role)
                      select id + k * 1000, commitment_id + k * 1000, nation_id, subject_id, role from commitment_party, K;
                    insert into commitment_statement
                      select commitment_id + k * 1000, statement_id + k * 1000, relation from commitment_statement, K;
                    insert into commitment_topic select commitment_id + k * 1000, topic_id from commitment_topic, K;
                    insert into commitment_status_entry (id, commitment_id, status, as_of, note, evidence_statement_id)
                      select id + k * 1000, commitment_id + k * 1000, status, as_of, note, evidence_statement_id + k * 1000
                      from commitment_status_entry, K;
                    """).replace(", K;", ", generate_series(1, " + COPIES + ") k where id < 1000;")
                    .replace("from dialogue_nation, generate_series(1, " + COPIES + ") k where id < 1000",
                            "from dialogue_nation, generate_series(1, " + COPIES + ") k")
                    .replaceAll("(from (statement_speaker|statement_nation|statement_topic|statement_subject|commitment_statement"
                            + "|commitment_topic), generate_series\\(1, \\d+\\) k) where id < 1000", "$1"));
        }
    }

    @Test
    void theDatasetIsAHundredTimesTheSeed() {
        var response = GraphQL.query("{ officials(first: 1) { totalCount } statements(first: 1) { totalCount }"
                + " commitments(first: 1) { totalCount } dialogues(first: 1) { totalCount } }");
        assertEquals(500, response.getInt("data.officials.totalCount"));
        assertEquals(2300, response.getInt("data.statements.totalCount"));
        assertEquals(900, response.getInt("data.commitments.totalCount"));
        assertEquals(100, response.getInt("data.dialogues.totalCount"));
    }

    @Test
    void canonicalTraversalCostsTheSameAsOnTheSeed() {
        assertEquals(SqlStatementCountTest.CANONICAL_TRAVERSAL, statementsFor("canonical-traversal"));
    }

    @Test
    void dialogueTraversalCostsTheSameAsOnTheSeed() {
        var response = GraphQL.file("dialogue-traversal");
        assertEquals(20, response.getList("data.dialogues.nodes").size());
        assertEquals(SqlStatementCountTest.DIALOGUE_TRAVERSAL, statementsFor("dialogue-traversal"));
    }

    @Test
    void searchCostsTheSameAsOnTheSeed() {
        // A hundred times the hits, the same statements: the search itself (sources come with the rows).
        SqlStatementCounter.reset();
        var response = GraphQL.file("search", "query", "India or defence or security", "first", 100);
        int count = SqlStatementCounter.count();
        assertNull(response.get("errors"), response.prettify());
        assertEquals(100, response.getList("data.search.edges").size());
        assertEquals(SearchTest.SEARCH_WITH_SOURCES, count);
    }

    @Test
    void aliasedConnectionsCostTheSameAsOnTheSeed() {
        assertEquals(SqlStatementCountTest.ALIASED_CONNECTIONS, statementsFor("aliased-connections"));
    }

    @Test
    void reverseTraversalCostsTheSameAsOnTheSeed() {
        assertEquals(SqlStatementCountTest.REVERSE_TRAVERSAL, statementsFor("reverse-traversal"));
    }

    @Test
    void commitmentStatsReturnsAtMostAThousandGroups() {
        // The cost counts commitmentStats as 1,000 groups, so no more may come back: a hundred dialogues by nation,
        // topic and status are over that, and refused rather than cut short.
        var tooMany = GraphQL.file("commitment-stats", "groupBy", List.of("DIALOGUE", "NATION", "TOPIC", "STATUS"));
        var error = Errors.single(tooMany, ErrorCodes.BAD_USER_INPUT);
        assertEquals("The 'commitmentStats' field would return more than 1000 groups, the limit. Group by fewer dimensions"
                + " or narrow 'filter'.", error.get("message"));
        var byDialogue = GraphQL.file("commitment-stats", "groupBy", List.of("DIALOGUE"));
        assertNull(byDialogue.get("errors"), byDialogue.prettify());
        assertEquals(100, byDialogue.getList("data.commitmentStats").size());
    }
}
