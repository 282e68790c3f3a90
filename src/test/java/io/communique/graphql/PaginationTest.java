package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Relay paging: cursors both ways, page flags, totals, the cap and every bad argument. */
@QuarkusTest
class PaginationTest {

    private static final List<Integer> ALL = IntStream.rangeClosed(1, 23).boxed().toList();

    @Test
    void forwardPagingVisitsEveryStatementOnce() {
        List<Integer> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            var page = GraphQL.file("statements-page", "first", 5, "after", after);
            assertNull(page.get("errors"));
            assertEquals(23, page.getInt("data.statements.totalCount"));
            seen.addAll(page.getList("data.statements.edges.node.source.ordinal"));
            pages++;
            assertEquals(pages > 1, page.getBoolean("data.statements.pageInfo.hasPreviousPage"));
            assertEquals(page.getString("data.statements.edges[-1].cursor"), page.getString("data.statements.pageInfo.endCursor"));
            assertEquals(page.getString("data.statements.edges[0].cursor"), page.getString("data.statements.pageInfo.startCursor"));
            if (!page.getBoolean("data.statements.pageInfo.hasNextPage")) {
                break;
            }
            after = page.getString("data.statements.pageInfo.endCursor");
        }
        assertEquals(5, pages);
        assertEquals(ALL, seen);
    }

    @Test
    void backwardPagingVisitsEveryStatementOnce() {
        List<Integer> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        while (true) {
            var page = GraphQL.file("statements-page", "last", 5, "before", before);
            assertNull(page.get("errors"));
            List<Integer> ordinals = page.getList("data.statements.edges.node.source.ordinal");
            assertEquals(ordinals.stream().sorted().toList(), ordinals, "a backward page is still in list order");
            List<Integer> reversed = new ArrayList<>(ordinals);
            Collections.reverse(reversed);
            seen.addAll(reversed);
            pages++;
            assertEquals(pages > 1, page.getBoolean("data.statements.pageInfo.hasNextPage"));
            if (!page.getBoolean("data.statements.pageInfo.hasPreviousPage")) {
                break;
            }
            before = page.getString("data.statements.pageInfo.startCursor");
        }
        assertEquals(5, pages);
        List<Integer> descending = new ArrayList<>(ALL);
        Collections.reverse(descending);
        assertEquals(descending, seen);
    }

    @Test
    void afterAndBeforeTogetherBoundThePageOnBothSides() {
        var all = GraphQL.file("statements-page", "first", 23);
        String third = all.getString("data.statements.edges[2].cursor");
        String eighth = all.getString("data.statements.edges[7].cursor");
        var page = GraphQL.file("statements-page", "first", 10, "after", third, "before", eighth);
        assertEquals(List.of(4, 5, 6, 7), page.getList("data.statements.edges.node.source.ordinal"));
        assertTrue(page.getBoolean("data.statements.pageInfo.hasPreviousPage"));
        assertTrue(page.getBoolean("data.statements.pageInfo.hasNextPage"), "rows exist past 'before'");
    }

    @Test
    void defaultPageSizeAndEmptyPages() {
        var page = GraphQL.file("statements-page");
        assertEquals(20, page.getList("data.statements.edges").size());
        assertTrue(page.getBoolean("data.statements.pageInfo.hasNextPage"));

        var empty = GraphQL.file("statements-page", "first", 0);
        assertEquals(List.of(), empty.getList("data.statements.edges"));
        assertNull(empty.get("data.statements.pageInfo.startCursor"));
        assertNull(empty.get("data.statements.pageInfo.endCursor"));
        assertEquals(23, empty.getInt("data.statements.totalCount"));

        var last = GraphQL.file("statements-page", "first", 23);
        var beyond = GraphQL.file("statements-page", "first", 5, "after", last.getString("data.statements.pageInfo.endCursor"));
        assertEquals(List.of(), beyond.getList("data.statements.edges"));
        assertFalse(beyond.getBoolean("data.statements.pageInfo.hasNextPage"));
        assertTrue(beyond.getBoolean("data.statements.pageInfo.hasPreviousPage"));
    }

    @Test
    void nestedConnectionsPagePerParent() {
        String jaishankar = GraphQL.query("{ officials(first: 3) { nodes { id } } }").getString("data.officials.nodes[2].id");
        var first = GraphQL.file("official-statements-page", "id", jaishankar, "first", 1);
        assertEquals("S. Jaishankar", first.getString("data.official.name"));
        assertEquals(2, first.getInt("data.official.statements.totalCount"));
        assertEquals(List.of(13), first.getList("data.official.statements.edges.node.source.ordinal"));
        assertTrue(first.getBoolean("data.official.statements.pageInfo.hasNextPage"));
        assertFalse(first.getBoolean("data.official.statements.pageInfo.hasPreviousPage"));

        var second = GraphQL.file("official-statements-page", "id", jaishankar, "first", 1,
                "after", first.getString("data.official.statements.pageInfo.endCursor"));
        assertEquals(List.of(14), second.getList("data.official.statements.edges.node.source.ordinal"));
        assertFalse(second.getBoolean("data.official.statements.pageInfo.hasNextPage"));
        assertTrue(second.getBoolean("data.official.statements.pageInfo.hasPreviousPage"));

        var last = GraphQL.file("official-statements-page", "id", jaishankar, "last", 1);
        assertEquals(List.of(14), last.getList("data.official.statements.edges.node.source.ordinal"));
        assertTrue(last.getBoolean("data.official.statements.pageInfo.hasPreviousPage"));

        var perParent = GraphQL.query("{ officials(first: 5) { nodes { statements(first: 1) { totalCount nodes { text } } } } }");
        assertEquals(List.of(0, 1, 2, 1, 0), perParent.getList("data.officials.nodes.statements.totalCount"));
    }

    @Test
    void firstAbove100IsRefusedAsOnGitHub() {
        var response = GraphQL.file("statements-page", "first", 101);
        assertError(response, "BAD_USER_INPUT", "statements");
        assertTrue(response.getString("errors[0].message").contains("first"));
        assertTrue(response.getString("errors[0].message").contains("100"));
        assertNull(GraphQL.file("statements-page", "first", 100).get("errors"), "100 itself is allowed");

        assertError(GraphQL.query("{ officials(first: 1) { nodes { statements(last: 500) { totalCount } } } }"),
                "BAD_USER_INPUT", "officials", "nodes", 0, "statements");
    }

    @Test
    void negativeSizesAndBothDirectionsAreRefused() {
        assertError(GraphQL.file("statements-page", "first", -1), "BAD_USER_INPUT", "statements");
        assertError(GraphQL.file("statements-page", "last", -3), "BAD_USER_INPUT", "statements");
        var both = GraphQL.file("statements-page", "first", 2, "last", 2);
        assertError(both, "BAD_USER_INPUT", "statements");
        assertTrue(both.getString("errors[0].message").contains("both 'first' and 'last'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor", "Y3Vyc29yOnYxOmtleTow", "Y3Vyc29yOnYyOmtleToz", "Y3Vyc29yOnYxOm5hbWU6Mw", ""})
    void tamperedOrForeignCursorsAreRefused(String cursor) {
        var response = GraphQL.file("statements-page", "first", 2, "after", cursor);
        assertError(response, "BAD_USER_INPUT", "statements");
        assertTrue(response.getString("errors[0].message").contains("'after'"));
        assertFalse(response.getString("errors[0].message").contains("Exception"));
    }

    @Test
    void aNodeIdIsNotACursor() {
        String id = GraphQL.query("{ statements(first: 1) { nodes { id } } }").getString("data.statements.nodes[0].id");
        assertError(GraphQL.file("statements-page", "first", 2, "before", id), "BAD_USER_INPUT", "statements");
    }

    static void assertError(JsonPath response, String code, Object... path) {
        assertEquals(code, response.getString("errors[0].extensions.code"), response.prettify());
        assertEquals(List.of(path), response.getList("errors[0].path"), response.prettify());
        assertFalse(response.getString("errors[0].message").contains("java."), response.prettify());
    }
}
