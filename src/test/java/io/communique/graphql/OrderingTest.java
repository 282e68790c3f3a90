package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code orderBy} on every orderable connection, on the seed: each field both ways, paged forwards
 * ({@code first}/{@code after}) and backwards ({@code last}/{@code before}) across several pages,
 * the id tie-break among equal values, and cursors from another ordering or tampered with.
 */
@QuarkusTest
class OrderingTest {

    static final List<String> TITLES_BY_TITLE = List.of(
            "Co-production of armoured infantry vehicles",
            "Co-production of the GE F414 jet engine",
            "Coordination on humanitarian assistance in Gaza",
            "Counter-terrorism cooperation",
            "Liaison positions between the armed forces",
            "Supply of MQ-9B drones to India",
            "Supply-chain security and industrial integration",
            "Technology cooperation on semiconductors and critical minerals",
            "US industry support for India's MRO capabilities");

    /** By status rank, then by key among the six ANNOUNCED and the two IN_PROGRESS commitments. */
    static final List<String> TITLES_BY_STATUS = List.of(
            "Liaison positions between the armed forces",
            "US industry support for India's MRO capabilities",
            "Counter-terrorism cooperation",
            "Technology cooperation on semiconductors and critical minerals",
            "Supply-chain security and industrial integration",
            "Coordination on humanitarian assistance in Gaza",
            "Co-production of armoured infantry vehicles",
            "Co-production of the GE F414 jet engine",
            "Supply of MQ-9B drones to India");

    @Test
    void statementsInDocumentOrderAndByCreationBothWays() {
        List<Object> ascending = new ArrayList<>(IntStream.rangeClosed(1, 23).boxed().toList());
        assertEquals(ascending, walk("filtered-statements", "data.statements", "source.ordinal", order("DOCUMENT_ORDER", "ASC"), 5));
        assertEquals(reversed(ascending), walk("filtered-statements", "data.statements", "source.ordinal", order("DOCUMENT_ORDER", "DESC"), 5));
        assertEquals(reversed(ascending), walk("filtered-statements", "data.statements", "source.ordinal", order("CREATED", "DESC"), 6));
        assertEquals(ascending, walk("filtered-statements", "data.statements", "source.ordinal", order("CREATED", "ASC"), 6));
    }

    @Test
    void createdAscendingIsTheDefaultOrderingWithTheSameCursors() {
        var byDefault = GraphQL.file("statements-page", "first", 3);
        var created = GraphQL.file("filtered-statements", "orderBy", order("CREATED", "ASC"), "first", 3);
        assertEquals(byDefault.getList("data.statements.edges.cursor"), created.getList("data.statements.edges.cursor"));
        // The cursor the README shows: after the 13th statement comes S. Jaishankar's quotation.
        var readme = GraphQL.file("filtered-statements", "orderBy", order("CREATED", "ASC"), "first", 1,
                "after", "Y3Vyc29yOnYxOmtleToxMw");
        assertEquals(List.of(14), readme.getList("data.statements.edges.node.source.ordinal"));
        assertEquals("DIRECT_QUOTE", readme.getString("data.statements.edges[0].node.kind"));
        var descending = GraphQL.file("filtered-statements", "orderBy", order("CREATED", "DESC"), "first", 3);
        assertNotEquals(byDefault.getList("data.statements.edges.cursor"), descending.getList("data.statements.edges.cursor"));
    }

    @Test
    void commitmentsByTitleBothWays() {
        assertEquals(TITLES_BY_TITLE, walk("filtered-commitments", "data.commitments", "title", order("TITLE", "ASC"), 2));
        assertEquals(reversed(TITLES_BY_TITLE), walk("filtered-commitments", "data.commitments", "title", order("TITLE", "DESC"), 4));
    }

    @Test
    void equalStatusesFallBackToTheKeyInTheSameDirection() {
        // Pages of two cut through the run of six ANNOUNCED commitments, so every page boundary but
        // the last falls between equal sort values: only the id tie-break keeps the walk exact.
        assertEquals(TITLES_BY_STATUS, walk("filtered-commitments", "data.commitments", "title", order("STATUS", "ASC"), 2));
        assertEquals(reversed(TITLES_BY_STATUS), walk("filtered-commitments", "data.commitments", "title", order("STATUS", "DESC"), 2));
        var statuses = GraphQL.file("filtered-commitments", "orderBy", order("STATUS", "DESC"), "first", 9)
                .getList("data.commitments.edges.node.status");
        assertEquals(List.of("IN_PROGRESS", "IN_PROGRESS", "AGREED", "ANNOUNCED", "ANNOUNCED", "ANNOUNCED", "ANNOUNCED",
                "ANNOUNCED", "ANNOUNCED"), statuses);
    }

    @Test
    void officialsByName() {
        List<String> names = List.of("Antony J. Blinken", "Lloyd J. Austin III", "Narendra Modi", "Rajnath Singh", "S. Jaishankar");
        assertEquals(names, walk("filtered-officials", "data.officials", "name", order("NAME", "ASC"), 2));
        assertEquals(reversed(names), walk("filtered-officials", "data.officials", "name", order("NAME", "DESC"), 2));
    }

    @Test
    void topicsAndSubjectsByName() {
        List<String> topics = List.of("counter-terrorism", "critical-minerals", "defence", "defence-manufacturing", "humanitarian",
                "indo-pacific-security", "logistics", "mro", "regional-security", "security", "semiconductors", "space",
                "supply-chains", "technology");
        assertEquals(topics, walk("ordered-topics", "data.topics", "slug", order("NAME", "ASC"), 3));
        assertEquals(reversed(topics), walk("ordered-topics", "data.topics", "slug", order("NAME", "DESC"), 5));
        // Names sort case-folded: "26/11 Mumbai attack" first, "GE F414 jet engine" before "General Electric".
        List<String> subjects = List.of("mumbai-26-11-attack", "afghanistan", "armoured-infantry-vehicles", "china", "gaza",
                "ge-f414", "general-electric", "hamas", "hamas-israel-conflict", "indo-pacific", "israel", "mq-9b",
                "pathankot-attack", "quad", "russia", "russia-ukraine-war", "taliban", "ukraine", "us-industry");
        assertEquals(subjects, walk("filtered-subjects", "data.subjects", "slug", order("NAME", "ASC"), 4));
        assertEquals(reversed(subjects), walk("filtered-subjects", "data.subjects", "slug", order("NAME", "DESC"), 4));
    }

    @Test
    void nationsDialoguesAndDocuments() {
        assertEquals(List.of("IN", "US"), walk("ordered-nations", "data.nations", "code", order("NAME", "ASC"), 1));
        assertEquals(List.of("US", "IN"), walk("ordered-nations", "data.nations", "code", order("NAME", "DESC"), 1));
        assertEquals(List.of("US", "IN"), walk("ordered-nations", "data.nations", "code", order("CODE", "DESC"), 1));
        assertEquals(1, walk("filtered-dialogues", "data.dialogues", "heldOn", order("HELD_ON", "DESC"), 1).size());
        assertEquals(1, walk("ordered-source-documents", "data.sourceDocuments", "title", order("PUBLISHED_ON", "ASC"), 1).size());
    }

    @Test
    void filterOrderingAndPagingTogether() {
        var filter = Map.<String, Object>of("party", List.of("US"));
        List<Object> titles = walk("filtered-commitments", "data.commitments", "title", order("TITLE", "DESC"), filter, 3);
        List<String> expected = new ArrayList<>(reversed(TITLES_BY_TITLE));
        expected.remove("US industry support for India's MRO capabilities");
        assertEquals(expected, titles);
        var page = GraphQL.file("filtered-commitments", "filter", filter, "orderBy", order("TITLE", "DESC"), "first", 3);
        assertEquals(8, page.getInt("data.commitments.totalCount"));
    }

    @Test
    void nestedConnectionsOrderAndPagePerParent() {
        // Topic 'defence' (the first topic) has five commitments: two IN_PROGRESS, one AGREED, two ANNOUNCED.
        List<Object> titles = walk("topic-commitments-page", "data.topics.nodes[0].commitments", "title",
                order("STATUS", "DESC"), 2);
        assertEquals(List.of("Supply of MQ-9B drones to India", "Co-production of the GE F414 jet engine",
                "Co-production of armoured infantry vehicles", "US industry support for India's MRO capabilities",
                "Liaison positions between the armed forces"), titles);
    }

    @Test
    void aCursorFromAnotherOrderingIsRefused() {
        String byTitle = GraphQL.file("filtered-commitments", "orderBy", order("TITLE", "ASC"), "first", 2)
                .getString("data.commitments.pageInfo.endCursor");
        String byDefault = GraphQL.file("filtered-commitments", "first", 2).getString("data.commitments.pageInfo.endCursor");
        assertRefused(GraphQL.file("filtered-commitments", "orderBy", order("STATUS", "ASC"), "first", 2, "after", byTitle), "'after'");
        assertRefused(GraphQL.file("filtered-commitments", "orderBy", order("TITLE", "DESC"), "first", 2, "after", byTitle), "'after'");
        assertRefused(GraphQL.file("filtered-commitments", "orderBy", order("TITLE", "ASC"), "last", 2, "before", byDefault), "'before'");
        assertRefused(GraphQL.file("filtered-commitments", "first", 2, "after", byTitle), "'after'");
        assertNull(GraphQL.file("filtered-commitments", "orderBy", order("TITLE", "ASC"), "first", 2, "after", byTitle).get("errors"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TITLE  | cursor:v1:title:***:3",
            "TITLE  | cursor:v1:title:3",
            "TITLE  | cursor:v1:title:Y28:3:4",
            "TITLE  | cursor:v1:title:Y28:0",
            "TITLE  | cursor:v1:title:YWJjAA:1",
            "STATUS | cursor:v1:status:abc:3",
            "STATUS | cursor:v1:status:1.5:3",
            "STATUS | cursor:v1:status:1:-3",
            "STATUS | cursor:v1:status::3",
            "STATUS | cursor:v2:status:1:3",
            "STATUS | cursor:v1:key:3"})
    void tamperedCursorsAreRefused(String field, String raw) {
        assertRefused(GraphQL.file("filtered-commitments", "orderBy", order(field, "ASC"), "first", 2, "after", Ids.base64(raw)),
                "'after'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cursor:v1:document:2023-13-45:1:1:1:1",
            "cursor:v1:document:2023-11-10:1:1:1",
            "cursor:v1:document:yesterday:1:1:1:1",
            "cursor:v1:document:2023-11-10:1:1:x:1"})
    void tamperedDocumentOrderCursorsAreRefused(String raw) {
        assertRefused(GraphQL.file("filtered-statements", "orderBy", order("DOCUMENT_ORDER", "ASC"), "last", 2, "before",
                Ids.base64(raw)), "'before'");
    }

    @Test
    void aWellFormedDocumentOrderCursorPagesFromItsPosition() {
        // The cursor of statement 13 under DOCUMENT_ORDER: held on, dialogue, document, ordinal, then the key.
        var all = GraphQL.file("filtered-statements", "orderBy", order("DOCUMENT_ORDER", "ASC"), "first", 13);
        String thirteenth = all.getString("data.statements.pageInfo.endCursor");
        var next = GraphQL.file("filtered-statements", "orderBy", order("DOCUMENT_ORDER", "ASC"), "first", 2, "after", thirteenth);
        assertEquals(List.of(14, 15), next.getList("data.statements.edges.node.source.ordinal"));
        var previous = GraphQL.file("filtered-statements", "orderBy", order("DOCUMENT_ORDER", "DESC"), "first", 2,
                "after", GraphQL.file("filtered-statements", "orderBy", order("DOCUMENT_ORDER", "DESC"), "first", 11)
                        .getString("data.statements.pageInfo.endCursor"));
        assertEquals(List.of(12, 11), previous.getList("data.statements.edges.node.source.ordinal"));
    }

    // ---- helpers ----------------------------------------------------------------------------

    static Map<String, Object> order(String field, String direction) {
        return Map.of("field", field.trim(), "direction", direction);
    }

    static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static void assertRefused(JsonPath response, String argument) {
        assertEquals("BAD_USER_INPUT", response.getString("errors[0].extensions.code"), response.prettify());
        assertTrue(response.getString("errors[0].message").contains(argument), response.prettify());
        assertFalse(response.getString("errors[0].message").contains("Exception"), response.prettify());
    }

    static List<Object> walk(String file, String connection, String property, Map<String, Object> orderBy, int size) {
        return walk(file, connection, property, orderBy, null, size);
    }

    /**
     * Reads the whole list page by page, forwards and then backwards, checks both walks visit the
     * same items in the same order (and the page flags on the way), and returns {@code property}
     * of every item in list order.
     */
    static List<Object> walk(String file, String connection, String property, Map<String, Object> orderBy,
            Map<String, Object> filter, int size) {
        List<Object> forward = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var page = page(file, orderBy, filter, "first", size, "after", after);
            pages++;
            forward.addAll(page.getList(connection + ".edges.node." + property));
            assertEquals(pages > 1, page.getBoolean(connection + ".pageInfo.hasPreviousPage"), page.prettify());
            if (!page.getBoolean(connection + ".pageInfo.hasNextPage")) {
                break;
            }
            assertEquals(size, page.getList(connection + ".edges").size());
            after = page.getString(connection + ".pageInfo.endCursor");
        } while (pages < 100);

        List<Object> backward = new ArrayList<>();
        String before = null;
        pages = 0;
        do {
            var page = page(file, orderBy, filter, "last", size, "before", before);
            pages++;
            backward.addAll(0, page.getList(connection + ".edges.node." + property));
            assertEquals(pages > 1, page.getBoolean(connection + ".pageInfo.hasNextPage"), page.prettify());
            if (!page.getBoolean(connection + ".pageInfo.hasPreviousPage")) {
                break;
            }
            before = page.getString(connection + ".pageInfo.startCursor");
        } while (pages < 100);
        assertEquals(forward, backward, "forward and backward walks of " + connection + " by " + orderBy);
        return forward;
    }

    private static JsonPath page(String file, Map<String, Object> orderBy, Map<String, Object> filter,
            String sizeArgument, int size, String cursorArgument, String cursor) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderBy", orderBy);
        variables.put("filter", filter);
        variables.put(sizeArgument, size);
        variables.put(cursorArgument, cursor);
        List<Object> flat = new ArrayList<>();
        variables.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        var response = GraphQL.file(file, flat.toArray());
        assertNull(response.get("errors"), response.prettify());
        return response;
    }
}
