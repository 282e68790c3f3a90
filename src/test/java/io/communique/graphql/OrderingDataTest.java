package io.communique.graphql;

import static io.communique.graphql.OrderingTest.order;
import static io.communique.graphql.OrderingTest.reversed;
import static io.communique.graphql.OrderingTest.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.communique.support.EmbeddedPostgresResource;
import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.communique.support.WritableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orderings the seed cannot tell apart from creation order, on the database of {@link WritableProfile}: the seed plus
 * an earlier dialogue whose statements were added last, and a second dialogue on the seed's date.
 * Document order must put the earlier dialogue first; dialogues held on the same day fall back to
 * their keys; the statement's copy of the dialogue date follows the dialogue.
 */
@QuarkusTest
@TestProfile(WritableProfile.class)
class OrderingDataTest {

    /** The database is shared with the other classes of {@link WritableProfile}: start from the seed. */
    @BeforeAll
    static void startFromTheSeed() throws SQLException {
        WritableProfile.startFromTheSeed();
    }

    @BeforeEach
    void addAnEarlierAndASameDayDialogue() throws SQLException {
        sql("""
                insert into dialogue (id, title, format, held_on, place) values
                  (2, 'An earlier dialogue', 'Ministerial meeting', '2023-06-01', 'Washington'),
                  (3, 'A same-day dialogue', 'Ministerial meeting', '2023-11-10', 'New Delhi')
                  on conflict do nothing;
                insert into source_document (id, title, published_on, content) values
                  (2, 'A later readout', '2023-06-02', 'Alpha said this. Beta said that. Gamma.')
                  on conflict do nothing;
                -- No held_on: the trigger copies it from the dialogue.
                insert into statement (id, dialogue_id, document_id, ordinal, span_start, span_end, text, kind) values
                  (101, 2, 2, 1, 0, 16, 'Alpha said this.', 'SUMMARY'),
                  (102, 2, 2, 2, 17, 32, 'Beta said that.', 'SUMMARY'),
                  (103, 3, 2, 3, 33, 39, 'Gamma.', 'SUMMARY')
                  on conflict do nothing;
                """);
    }

    @Test
    void documentOrderFollowsTheDialogueDateNotCreation() {
        List<Object> expected = ids(Stream.of(Stream.of(101, 102), IntStream.rangeClosed(1, 23).boxed(), Stream.of(103))
                .flatMap(s -> s).toList());
        assertEquals(expected, walk("filtered-statements", "data.statements", "id", order("DOCUMENT_ORDER", "ASC"), 4));
        assertEquals(reversed(expected), walk("filtered-statements", "data.statements", "id", order("DOCUMENT_ORDER", "DESC"), 4));
        List<Object> created = ids(Stream.concat(IntStream.rangeClosed(1, 23).boxed(), Stream.of(101, 102, 103)).toList());
        assertEquals(created, walk("filtered-statements", "data.statements", "id", order("CREATED", "ASC"), 7));
    }

    @Test
    void dialoguesHeldTheSameDayFallBackToTheirKeys() {
        List<Object> ascending = List.of(dialogue(2), dialogue(1), dialogue(3));
        assertEquals(ascending, walk("filtered-dialogues", "data.dialogues", "id", order("HELD_ON", "ASC"), 1));
        assertEquals(reversed(ascending), walk("filtered-dialogues", "data.dialogues", "id", order("HELD_ON", "DESC"), 1));
        assertEquals(List.of(dialogue(1), dialogue(3)), GraphQL.file("filtered-dialogues", "filter",
                Map.of("heldOn", Map.of("from", "2023-11-10", "to", "2023-11-10"))).getList("data.dialogues.edges.node.id"));
    }

    @Test
    void dateFiltersSeeTheNewRows() {
        assertEquals(ids(List.of(101, 102)), GraphQL.file("filtered-statements", "filter",
                Map.of("heldOn", Map.of("to", "2023-06-30"))).getList("data.statements.edges.node.id"));
        assertEquals(ids(List.of(101, 102, 103)), GraphQL.file("filtered-statements", "filter",
                Map.of("publishedOn", Map.of("from", "2023-06-01", "to", "2023-06-30"))).getList("data.statements.edges.node.id"));
        assertEquals(ids(List.of(103)), GraphQL.file("filtered-statements", "filter",
                Map.of("dialogue", List.of(dialogue(3)))).getList("data.statements.edges.node.id"));
    }

    @Test
    void movingADialogueMovesItsStatementsInDocumentOrder() throws SQLException {
        try {
            sql("update dialogue set held_on = '2024-01-01' where id = 2");
            List<Object> expected = ids(Stream.of(IntStream.rangeClosed(1, 23).boxed(), Stream.of(103, 101, 102))
                    .flatMap(s -> s).toList());
            assertEquals(expected, walk("filtered-statements", "data.statements", "id", order("DOCUMENT_ORDER", "ASC"), 10));
        } finally {
            sql("update dialogue set held_on = '2023-06-01' where id = 2");
        }
    }

    private static List<Object> ids(List<Integer> keys) {
        return new ArrayList<>(keys.stream().map(k -> Ids.base64("Statement:" + k)).toList());
    }

    private static String dialogue(int key) {
        return Ids.base64("Dialogue:" + key);
    }

    private static void sql(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(WritableProfile.DATABASE),
                "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
