package io.communique.graphql;

import static io.communique.graphql.PaginationTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.communique.support.ServerStatementCounter;
import io.communique.support.SqlStatementCounter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The {@code filter:} argument of every filterable connection, on the seed: each field alone
 * (a match and a miss), AND across fields, all-of versus any-of lists, filtered totals, nested
 * connections, and every kind of unknown value refused with the argument's path.
 */
@QuarkusTest
class FilterTest {

    // ---- statements -------------------------------------------------------------------------

    @Test
    void statementsBySpeaker() {
        assertStatements(Map.of("speaker", List.of(officialId("S. Jaishankar"))), 13, 14);
        assertStatements(Map.of("speaker", List.of(officialId("Lloyd J. Austin III"))), 10);
        assertStatements(Map.of("speaker", List.of(officialId("Narendra Modi"))));
        // All of the speakers: no statement is attributed to both.
        assertStatements(Map.of("speaker", List.of(officialId("S. Jaishankar"), officialId("Rajnath Singh"))));
    }

    @Test
    void statementsBySubjectSlugOrId() {
        assertStatements(Map.of("subject", List.of("general-electric")), 4, 23);
        assertStatements(Map.of("subject", List.of(subjectId("general-electric"))), 4, 23);
        assertStatements(Map.of("subject", List.of("china", "indo-pacific")), 8, 9);
        assertStatements(Map.of("subject", List.of("general-electric", "china")));
    }

    @Test
    void statementsByTopic() {
        assertStatements(Map.of("topic", List.of("defence", "defence-manufacturing")), 2, 4, 11, 23);
        assertStatements(Map.of("topic", List.of(topicId("defence-manufacturing"), "defence")), 2, 4, 11, 23);
        assertStatements(Map.of("topic", List.of("mro")), 18);
        assertStatements(Map.of("topic", List.of("space", "humanitarian")));
    }

    @Test
    void statementsByNationCodeOrId() {
        assertEquals(19, statements(Map.of("nation", List.of("US"))).getInt("data.statements.totalCount"));
        assertEquals(21, statements(Map.of("nation", List.of(nationId("IN")))).getInt("data.statements.totalCount"));
        // Both nations: the joint lines, not India's or the US's alone.
        var both = statements(Map.of("nation", List.of("IN", "US")));
        assertEquals(18, both.getInt("data.statements.totalCount"));
        assertTrue(!ordinals(both).contains(9) && !ordinals(both).contains(10) && !ordinals(both).contains(13));
    }

    @Test
    void statementsByKindAnyOf() {
        assertStatements(Map.of("kind", List.of("DIRECT_QUOTE")), 14);
        assertStatements(Map.of("kind", List.of("REPORTED_REMARK", "DIRECT_QUOTE")), 9, 10, 13, 14);
    }

    @Test
    void statementsByDialogueDocumentAndDates() {
        String dialogue = GraphQL.query("{ dialogues { nodes { id } } }").getString("data.dialogues.nodes[0].id");
        String document = GraphQL.query("{ sourceDocuments { nodes { id } } }").getString("data.sourceDocuments.nodes[0].id");
        assertEquals(23, statements(Map.of("dialogue", List.of(dialogue))).getInt("data.statements.totalCount"));
        assertEquals(23, statements(Map.of("document", List.of(document))).getInt("data.statements.totalCount"));
        assertEquals(23, statements(Map.of("heldOn", Map.of("from", "2023-11-10", "to", "2023-11-10")))
                .getInt("data.statements.totalCount"));
        assertStatements(Map.of("heldOn", Map.of("from", "2023-11-11")));
        assertStatements(Map.of("heldOn", Map.of("to", "2023-11-09")));
        assertEquals(23, statements(Map.of("publishedOn", Map.of("from", "2023-11-12"))).getInt("data.statements.totalCount"));
        assertStatements(Map.of("publishedOn", Map.of("to", "2023-11-11")));
    }

    @Test
    void statementFieldsCombineWithAnd() {
        assertStatements(Map.of("speaker", List.of(officialId("S. Jaishankar")), "kind", List.of("DIRECT_QUOTE")), 14);
        assertStatements(Map.of("topic", List.of("defence"), "kind", List.of("SUMMARY")), 2, 3, 23);
        assertStatements(Map.of("subject", List.of("general-electric"), "kind", List.of("SUMMARY")), 23);
        assertStatements(Map.of("subject", List.of("general-electric"), "heldOn", Map.of("from", "2024-01-01")));
    }

    @Test
    void anEmptyFilterOrEmptyListsKeepEverything() {
        assertEquals(23, statements(Map.of()).getInt("data.statements.totalCount"));
        assertEquals(23, statements(Map.of("topic", List.of(), "kind", List.of())).getInt("data.statements.totalCount"));
    }

    @Test
    void filteredTotalCountCountsTheWholeFilteredListNotThePage() {
        var page = GraphQL.file("filtered-statements", "filter", Map.of("topic", List.of("defence")), "first", 2);
        assertEquals(11, page.getInt("data.statements.totalCount"));
        assertEquals(List.of(1, 2), ordinals(page));
        assertTrue(page.getBoolean("data.statements.pageInfo.hasNextPage"));
        var next = GraphQL.file("filtered-statements", "filter", Map.of("topic", List.of("defence")), "first", 20,
                "after", page.getString("data.statements.pageInfo.endCursor"));
        assertEquals(List.of(3, 4, 5, 7, 11, 13, 15, 18, 23), ordinals(next));
        assertEquals(11, next.getInt("data.statements.totalCount"));
    }

    // ---- commitments ------------------------------------------------------------------------

    @Test
    void statementsAndCommitmentsByFullTextSearch() {
        // The same matching as Query.search: "F414" also finds the text's "F-414"; "-" excludes.
        assertStatements(Map.of("search", "F414"), 4, 23);
        assertStatements(Map.of("search", "F414 -drones"));
        assertStatements(Map.of("search", "\"armoured infantry vehicles\"", "kind", List.of("JOINT_POSITION")), 8, 11);
        assertCommitments(Map.of("search", "drones"), "Supply of MQ-9B drones to India");
        assertCommitments(Map.of("search", "co-production or liaison", "status", List.of("AGREED")),
                "Co-production of armoured infantry vehicles");
        var blank = commitments(Map.of("search", "  "));
        assertError(blank, "BAD_USER_INPUT", "commitments");
        // Named with its connection, as every other filter argument is (it once said only "Argument 'filter.search'").
        assertMessage(blank, "Argument 'filter.search' on the '");
    }

    @Test
    void commitmentsByStatus() {
        assertCommitments(Map.of("status", List.of("AGREED")), "Co-production of armoured infantry vehicles");
        assertCommitments(Map.of("status", List.of("AGREED", "IN_PROGRESS")), "Co-production of armoured infantry vehicles",
                "Co-production of the GE F414 jet engine", "Supply of MQ-9B drones to India");
        assertCommitments(Map.of("status", List.of("DELIVERED", "STALLED", "ABANDONED")));
    }

    @Test
    void commitmentsByTopicAndParty() {
        assertCommitments(Map.of("topic", List.of("defence"), "party", List.of("US")),
                "Co-production of armoured infantry vehicles", "Co-production of the GE F414 jet engine",
                "Supply of MQ-9B drones to India", "Liaison positions between the armed forces");
        // India's MRO commitment is defence too, but its provider is US industry, not the US.
        assertCommitments(Map.of("topic", List.of("defence"), "party", List.of("us-industry")),
                "US industry support for India's MRO capabilities");
        assertCommitments(Map.of("party", List.of(subjectId("us-industry"), nationId("IN"))),
                "US industry support for India's MRO capabilities");
        assertCommitments(Map.of("party", List.of("US", "us-industry")));
        assertEquals(8, commitments(Map.of("party", List.of("IN", "US"))).getInt("data.commitments.totalCount"));
        assertCommitments(Map.of("topic", List.of("semiconductors", "critical-minerals")),
                "Technology cooperation on semiconductors and critical minerals");
    }

    @Test
    void commitmentsByKindDialogueSubjectOfficialAndDates() {
        assertCommitments(Map.of("kind", List.of("SUPPLY")), "Supply of MQ-9B drones to India");
        assertEquals(3, commitments(Map.of("kind", List.of("SUPPLY", "CO_PRODUCTION"))).getInt("data.commitments.totalCount"));
        String dialogue = GraphQL.query("{ dialogues { nodes { id } } }").getString("data.dialogues.nodes[0].id");
        assertEquals(9, commitments(Map.of("dialogue", List.of(dialogue))).getInt("data.commitments.totalCount"));
        assertCommitments(Map.of("subject", List.of("general-electric")),
                "Co-production of the GE F414 jet engine", "Supply of MQ-9B drones to India");
        assertCommitments(Map.of("subject", List.of("gaza")), "Coordination on humanitarian assistance in Gaza");
        // No seeded statement with a named speaker made or reaffirmed a commitment.
        assertCommitments(Map.of("official", List.of(officialId("S. Jaishankar"))));
        assertEquals(9, commitments(Map.of("heldOn", Map.of("from", "2023-11-01", "to", "2023-11-30")))
                .getInt("data.commitments.totalCount"));
        assertCommitments(Map.of("heldOn", Map.of("to", "2023-11-09")));
        assertEquals(9, commitments(Map.of("statusAsOf", Map.of("from", "2023-11-10"))).getInt("data.commitments.totalCount"));
        assertCommitments(Map.of("statusAsOf", Map.of("from", "2023-11-11")));
    }

    @Test
    void theIssuesExample() {
        // "Every AGREED defence commitment between India and the US that mentions General Electric": none yet,
        // the one AGREED commitment (armoured infantry vehicles) does not mention GE.
        var agreed = GraphQL.file("example-filter", "status", List.of("AGREED"));
        assertNull(agreed.get("errors"), agreed.prettify());
        assertEquals(0, agreed.getInt("data.commitments.totalCount"));
        var inProgress = GraphQL.file("example-filter", "status", List.of("IN_PROGRESS"));
        assertEquals(List.of("Co-production of the GE F414 jet engine", "Supply of MQ-9B drones to India"),
                inProgress.getList("data.commitments.nodes.title"));
        assertEquals(2, inProgress.getInt("data.commitments.totalCount"));
    }

    // ---- officials, dialogues, subjects -----------------------------------------------------

    @Test
    void officialsByNationAndDialogue() {
        var us = GraphQL.file("filtered-officials", "filter", Map.of("nation", List.of("US")));
        assertEquals(List.of("Lloyd J. Austin III", "Antony J. Blinken"), us.getList("data.officials.edges.node.name"));
        var india = GraphQL.file("filtered-officials", "filter", Map.of("nation", List.of(nationId("IN"))));
        assertEquals(List.of("Narendra Modi", "Rajnath Singh", "S. Jaishankar"), india.getList("data.officials.edges.node.name"));
        assertEquals(5, GraphQL.file("filtered-officials", "filter", Map.of("nation", List.of("IN", "US")))
                .getInt("data.officials.totalCount"), "an official acts for one nation: any of them");
        String dialogue = GraphQL.query("{ dialogues { nodes { id } } }").getString("data.dialogues.nodes[0].id");
        assertEquals(2, GraphQL.file("filtered-officials", "filter", Map.of("dialogue", List.of(dialogue), "nation", List.of("US")))
                .getInt("data.officials.totalCount"));
    }

    @Test
    void dialoguesByNationParticipantAndDate() {
        String modi = officialId("Narendra Modi");
        var found = GraphQL.file("filtered-dialogues", "filter",
                Map.of("nation", List.of("IN", "US"), "participant", List.of(modi), "heldOn", Map.of("from", "2023-11-10")));
        assertEquals(List.of("Fifth India-US 2+2 Ministerial Dialogue"), found.getList("data.dialogues.edges.node.title"));
        assertEquals(0, GraphQL.file("filtered-dialogues", "filter", Map.of("heldOn", Map.of("from", "2024-01-01")))
                .getInt("data.dialogues.totalCount"));
    }

    @Test
    void subjectsByKind() {
        assertEquals(List.of("general-electric"), GraphQL.file("filtered-subjects", "filter", Map.of("kind", List.of("COMPANY")))
                .getList("data.subjects.edges.node.slug"));
        assertEquals(List.of("ge-f414", "mq-9b", "armoured-infantry-vehicles"),
                GraphQL.file("filtered-subjects", "filter", Map.of("kind", List.of("MILITARY_SYSTEM")))
                        .getList("data.subjects.edges.node.slug"));
        assertEquals(6, GraphQL.file("filtered-subjects", "filter", Map.of("kind", List.of("COUNTRY", "REGION")))
                .getInt("data.subjects.totalCount"), "China, Israel, Russia, Ukraine, Afghanistan and the Indo-Pacific");
    }

    @Test
    void topicsBySlugNationsByCodeDocumentsByDate() {
        assertEquals(List.of("defence", "space"), GraphQL.file("ordered-topics", "filter", Map.of("slug", List.of("space", "defence")))
                .getList("data.topics.edges.node.slug"));
        assertEquals(List.of("US"), GraphQL.file("ordered-nations", "filter", Map.of("code", List.of("US")))
                .getList("data.nations.edges.node.code"));
        assertEquals(1, GraphQL.file("ordered-source-documents", "filter", Map.of("publishedOn", Map.of("from", "2023-11-12")))
                .getInt("data.sourceDocuments.totalCount"));
        assertEquals(0, GraphQL.file("ordered-source-documents", "filter", Map.of("publishedOn", Map.of("to", "2023-11-11")))
                .getInt("data.sourceDocuments.totalCount"));
        assertMessage(GraphQL.file("ordered-topics", "filter", Map.of("slug", List.of("defence", "defense"))),
                "filter.slug[1]", "names no Topic");
        assertMessage(GraphQL.file("ordered-topics", "filter", Map.of("slug", List.of(topicId("defence")))),
                "filter.slug[0]", "topic slug");
        assertMessage(GraphQL.file("ordered-nations", "filter", Map.of("code", List.of("FR"))), "filter.code[0]", "names no Nation");
        assertMessage(GraphQL.file("ordered-nations", "filter", Map.of("code", List.of("us"))), "filter.code[0]", "ISO 3166-1");
    }

    // ---- nested connections -----------------------------------------------------------------

    @Test
    void nestedConnectionsFilterPerParentInOneStatementEach() {
        String dialogue = GraphQL.query("{ dialogues { nodes { id } } }").getString("data.dialogues.nodes[0].id");
        ServerStatementCounter.resetBoth();
        var response = GraphQL.file("nested-filters",
                "statementFilter", Map.of("kind", List.of("SUMMARY")),
                "commitmentFilter", Map.of("party", List.of("US")),
                "officialFilter", Map.of("dialogue", List.of(dialogue)),
                "officialOrder", Map.of("field", "NAME", "direction", "DESC"));
        int count = SqlStatementCounter.count();
        assertNull(response.get("errors"), response.prettify());
        ServerStatementCounter.assertRanWhatHibernatePrepared();
        String defence = topic(response, "defence");
        assertEquals(List.of(2, 3, 23), response.getList(defence + ".statements.nodes.source.ordinal"));
        assertEquals(3, response.getInt(defence + ".statements.totalCount"));
        assertEquals(4, response.getInt(defence + ".commitments.totalCount"));
        assertEquals(0, response.getInt(topic(response, "mro") + ".commitments.totalCount"), "MRO's provider is US industry");
        assertEquals(List.of("S. Jaishankar", "Rajnath Singh", "Narendra Modi"),
                response.getList("data.nations.nodes[0].officials.nodes.name"));
        // One statement per database-backed field (topics, statements, commitments, nations, officials; a
        // span's ordinal comes with its statement), plus one look-up each of the ids, slugs and codes the
        // official and commitment filters name.
        assertEquals(5 + 2, count, String.join("\n", SqlStatementCounter.statements()));
    }

    /** The path of the topic with {@code slug} in the response, e.g. {@code data.topics.nodes[0]}. */
    private static String topic(JsonPath response, String slug) {
        List<String> slugs = response.getList("data.topics.nodes.slug");
        assertTrue(slugs.contains(slug), slug);
        return "data.topics.nodes[" + slugs.indexOf(slug) + "]";
    }

    // ---- refused values ---------------------------------------------------------------------

    @Test
    void unknownOrWrongIdsAreRefusedWithTheArgumentPath() {
        var wrongType = statements(Map.of("speaker", List.of(officialId("S. Jaishankar"), topicId("defence"))));
        assertError(wrongType, "BAD_USER_INPUT", "statements");
        assertMessage(wrongType, "filter.speaker[1]", "must be an Official id");

        var missing = statements(Map.of("speaker", List.of(Ids.base64("Official:999"))));
        assertError(missing, "BAD_USER_INPUT", "statements");
        assertMessage(missing, "filter.speaker[0]", "names no Official");

        var garbage = statements(Map.of("dialogue", List.of("not an id")));
        assertError(garbage, "BAD_USER_INPUT", "statements");
        assertMessage(garbage, "filter.dialogue[0]", "Dialogue id");
    }

    @Test
    void unknownSlugsAndCodesAreRefusedWithTheArgumentPath() {
        assertMessage(statements(Map.of("topic", List.of("defence", "defense"))), "filter.topic[1]", "names no Topic");
        assertMessage(statements(Map.of("subject", List.of("General Electric"))), "filter.subject[0]", "subject slug");
        assertMessage(statements(Map.of("nation", List.of("IN", "XX"))), "filter.nation[1]", "names no Nation");
        assertMessage(statements(Map.of("nation", List.of("india"))), "filter.nation[0]", "ISO 3166-1");
        assertMessage(commitments(Map.of("party", List.of("US", "acme-corp"))), "filter.party[1]", "names no Subject");
        // A party in lower case is a subject slug; when none has it, the nation's code is what was meant.
        assertMessage(commitments(Map.of("party", List.of("us"))), "filter.party[0]", "names no Subject: 'us'",
                "A nation is named by its code in capitals: 'US'.");
        assertMessage(commitments(Map.of("party", List.of(topicId("defence")))), "filter.party[0]", "Nation or Subject id");
        assertMessage(GraphQL.file("filtered-officials", "filter", Map.of("nation", List.of("ZZ"))),
                "filter.nation[0]", "names no Nation");
        var error = commitments(Map.of("subject", List.of("nope")));
        assertError(error, "BAD_USER_INPUT", "commitments");
    }

    @Test
    void badRangesAndOversizedListsAreRefused() {
        var backwards = statements(Map.of("heldOn", Map.of("from", "2023-12-01", "to", "2023-11-01")));
        assertError(backwards, "BAD_USER_INPUT", "statements");
        assertMessage(backwards, "filter.heldOn", "after");
        var many = statements(Map.of("topic", java.util.Collections.nCopies(101, "defence")));
        assertError(many, "BAD_USER_INPUT", "statements");
        assertMessage(many, "filter.topic", "100");
    }

    @Test
    void nestedFiltersReportTheirPathToo() {
        var response = GraphQL.query("{ topics(first: 1) { nodes { statements(filter: { speaker: [\"nobody\"] }) { totalCount } } } }");
        assertEquals("BAD_USER_INPUT", response.getString("errors[0].extensions.code"), response.prettify());
        assertMessage(response, "filter.speaker[0]", "Topic.statements");
        var party = GraphQL.query("{ nations(first: 1) { nodes { commitments(filter: { party: [\"XX\"] }) { totalCount } } } }");
        assertEquals("BAD_USER_INPUT", party.getString("errors[0].extensions.code"), party.prettify());
        assertMessage(party, "filter.party[0]", "Nation.commitments", "names no Nation");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void assertMessage(JsonPath response, String... fragments) {
        String message = response.getString("errors[0].message");
        for (String fragment : fragments) {
            assertTrue(message != null && message.contains(fragment), "'" + fragment + "' in " + response.prettify());
        }
        assertTrue(!message.contains("Exception") && !message.contains("java."), message);
    }

    private static JsonPath statements(Map<String, Object> filter) {
        return GraphQL.file("filtered-statements", "filter", filter, "first", 100);
    }

    private static JsonPath commitments(Map<String, Object> filter) {
        return GraphQL.file("filtered-commitments", "filter", filter, "first", 100);
    }

    private static List<Integer> ordinals(JsonPath page) {
        return page.getList("data.statements.edges.node.source.ordinal");
    }

    private static void assertStatements(Map<String, Object> filter, Integer... expected) {
        var page = statements(filter);
        assertNull(page.get("errors"), page.prettify());
        assertEquals(List.of(expected), ordinals(page), filter.toString());
        assertEquals(expected.length, page.getInt("data.statements.totalCount"));
    }

    private static void assertCommitments(Map<String, Object> filter, String... titles) {
        var page = commitments(filter);
        assertNull(page.get("errors"), page.prettify());
        Set<String> expected = new TreeSet<>(List.of(titles));
        assertEquals(expected, new TreeSet<>(page.<String>getList("data.commitments.edges.node.title")), filter.toString());
        assertEquals(titles.length, page.getInt("data.commitments.totalCount"));
    }

    private static String officialId(String name) {
        return idBy("{ officials { nodes { id name } } }", "data.officials.nodes", "name", name);
    }

    private static String topicId(String slug) {
        return idBy("{ topics { nodes { id slug } } }", "data.topics.nodes", "slug", slug);
    }

    private static String subjectId(String slug) {
        return idBy("{ subjects(first: 100) { nodes { id slug } } }", "data.subjects.nodes", "slug", slug);
    }

    private static String nationId(String code) {
        return idBy("{ nations { nodes { id code } } }", "data.nations.nodes", "code", code);
    }

    private static String idBy(String query, String path, String field, String value) {
        List<Map<String, Object>> nodes = GraphQL.query(query).getList(path);
        return nodes.stream().filter(n -> value.equals(n.get(field))).map(n -> (String) n.get("id"))
                .collect(Collectors.collectingAndThen(Collectors.toList(), ids -> {
                    assertEquals(1, ids.size(), value);
                    return ids.get(0);
                }));
    }
}
