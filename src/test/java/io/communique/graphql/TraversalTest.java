package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The graph reads both ways: from people to promises, and from promises, topics and nations back to people. */
@QuarkusTest
class TraversalTest {

    @Test
    void aliasesOfOneConnectionEachGetTheirOwnArguments() {
        var response = GraphQL.file("aliased-connections");
        assertNull(response.get("errors"), response.prettify());
        // Each alias against the same connection asked alone: SmallRye batched every parent of a field
        // together whatever its arguments, and ran the batch with the first one's (a: first 1 gave b 1 too).
        var one = GraphQL.file("official-statements", "first", 1);
        var three = GraphQL.file("official-statements", "first", 3);
        var lastTwo = GraphQL.file("official-statements", "last", 2, "orderBy", Map.of("field", "CREATED", "direction", "DESC"));
        assertEquals(one.getList("data.officials.nodes.statements.nodes.id"), response.getList("data.officials.nodes.one.nodes.id"));
        assertEquals(one.getList("data.officials.nodes.statements.nodes.id"), response.getList("data.officials.nodes.again.nodes.id"));
        assertEquals(three.getList("data.officials.nodes.statements.nodes.id"), response.getList("data.officials.nodes.three.nodes.id"));
        assertEquals(lastTwo.getList("data.officials.nodes.statements.nodes.id"), response.getList("data.officials.nodes.lastTwo.nodes.id"));
        assertEquals(three.getList("data.officials.nodes.statements.totalCount"), response.getList("data.officials.nodes.three.totalCount"));
        // The seed must make the three answers differ, or this test could not tell them apart.
        assertTrue(response.getList("data.officials.nodes.three.nodes").stream().anyMatch(nodes -> ((List<?>) nodes).size() > 1),
                response.prettify());
    }

    @Test
    void fromACommitmentBackToWhoMadeIt() {
        var response = GraphQL.file("reverse-traversal");
        assertNull(response.get("errors"), response.prettify());
        List<Map<String, Object>> commitments = response.getList("data.commitments.nodes");
        var vehicles = commitments.stream().filter(c -> c.get("title").equals("Co-production of armoured infantry vehicles"))
                .findFirst().orElseThrow();
        assertEquals(List.of(), vehicles.get("officials"), "made by joint statements, not by a named speaker");

        var counterTerrorism = GraphQL.query("""
                { commitments(first: 100) { nodes { title officials { name } } } }""")
                .getList("data.commitments.nodes.findAll { it.officials.size() > 0 }.title");
        assertEquals(List.of(), counterTerrorism, "no seeded commitment rests on a named speaker's statement");
    }

    @Test
    void fromTopicsNationsAndDialoguesToTheirStatements() {
        var response = GraphQL.file("reverse-traversal");
        assertEquals(List.of("Counter-terrorism cooperation"),
                response.getList("data.topics.nodes.find { it.slug == 'counter-terrorism' }.commitments.nodes.title"));
        assertEquals(Set.of("Narendra Modi", "Rajnath Singh", "S. Jaishankar"),
                Set.copyOf(response.getList("data.nations.nodes.find { it.code == 'IN' }.officials.nodes.name")));
        Map<String, Object> office = response.getMap("data.nations.nodes.find { it.code == 'IN' }.officials.nodes[0].offices[0]");
        assertEquals("Prime Minister", office.get("title"));
        assertEquals("2014-05-26", office.get("startDate"));
        assertNull(office.get("endDate"));
        assertEquals(21, response.getInt("data.nations.nodes.find { it.code == 'IN' }.statements.totalCount"));
        assertEquals(8, response.getInt("data.nations.nodes.find { it.code == 'US' }.commitments.totalCount"));

        Map<String, Object> dialogue = response.getMap("data.dialogues.nodes[0]");
        assertEquals("2+2 Ministerial Dialogue", dialogue.get("format"));
        assertEquals(5, dialogue.get("edition"));
        assertEquals("2023-11-10", dialogue.get("heldOn"));
        assertEquals("New Delhi", dialogue.get("place"));
        assertEquals(23, response.getInt("data.dialogues.nodes[0].statements.totalCount"));
        assertEquals(9, response.getInt("data.dialogues.nodes[0].commitments.totalCount"));
        assertEquals(List.of("CALLED_ON", "DELEGATION_MEMBER", "DELEGATION_MEMBER", "DELEGATION_MEMBER", "DELEGATION_MEMBER"),
                response.getList("data.dialogues.nodes[0].participants.role"));
        assertEquals("Narendra Modi", response.getString("data.dialogues.nodes[0].participants[0].official.name"));

        assertTrue(response.getInt("data.subjects.nodes.find { it.slug == 'china' }.statements.totalCount") >= 5);
        assertEquals(2, response.getInt("data.subjects.nodes.find { it.slug == 'mq-9b' }.statements.totalCount"));
        assertEquals("2023-11-12", response.getString("data.sourceDocuments.nodes[0].publishedOn"));
    }

    @Test
    void fromANationToTheStatementsThatSpeakForItAndTheCommitmentsThatBindIt() {
        for (String code : List.of("IN", "US")) {
            var response = GraphQL.file("nation-statements-and-commitments", "code", List.of(code));
            assertNull(response.get("errors"), response.prettify());
            String nation = "data.nations.nodes.find { it.code == '" + code + "' }";
            // The nested lists hold what the root lists' filters find for that nation, in the same order.
            assertEquals(response.getList("data.statements.nodes.id"), response.getList(nation + ".statements.nodes.id"), code);
            assertEquals(response.getInt("data.statements.totalCount"), response.getInt(nation + ".statements.totalCount"), code);
            assertEquals(response.getList("data.commitments.nodes.id"), response.getList(nation + ".commitments.nodes.id"), code);
            assertEquals(response.getInt("data.commitments.totalCount"), response.getInt(nation + ".commitments.totalCount"), code);
            // The seed must give the nation both, or the comparison could not fail.
            assertTrue(response.getInt(nation + ".statements.totalCount") > 2, response.prettify());
            assertTrue(response.getInt(nation + ".commitments.totalCount") > 2, response.prettify());
        }
        // India is a party to every seeded commitment, the US to eight of the nine.
        var seed = GraphQL.file("nation-statements-and-commitments", "code", List.of("IN"));
        assertEquals(9, seed.getInt("data.nations.nodes.find { it.code == 'IN' }.commitments.totalCount"));
        assertEquals(8, seed.getInt("data.nations.nodes.find { it.code == 'US' }.commitments.totalCount"));
    }

    @Test
    void aNationsListsTakeFiltersOrderingsAndCursorsLikeTheRootOnes() {
        var ordered = GraphQL.file("nation-statements-and-commitments", "code", List.of("US"),
                "commitmentFilter", Map.of("status", List.of("IN_PROGRESS")),
                "commitmentOrder", Map.of("field", "TITLE", "direction", "DESC"));
        assertNull(ordered.get("errors"), ordered.prettify());
        String us = "data.nations.nodes.find { it.code == 'US' }";
        List<String> titles = ordered.getList(us + ".commitments.nodes.title");
        assertTrue(titles.size() > 1, ordered.prettify());
        assertEquals(titles.stream().sorted(Comparator.reverseOrder()).toList(), titles);
        assertEquals(List.of("IN_PROGRESS"), ordered.getList(us + ".commitments.nodes.status").stream().distinct().toList());

        // Two pages of two, walked by cursor, are the first four of the whole list.
        var all = GraphQL.file("nation-statements-and-commitments", "code", List.of("US"));
        List<String> ids = all.getList(us + ".statements.nodes.id");
        var first = GraphQL.file("nation-statements-and-commitments", "code", List.of("US"), "first", 2);
        var second = GraphQL.file("nation-statements-and-commitments", "code", List.of("US"), "first", 2,
                "after", first.getString(us + ".statements.pageInfo.endCursor"));
        assertEquals(ids.subList(0, 2), first.getList(us + ".statements.nodes.id"));
        assertEquals(ids.subList(2, 4), second.getList(us + ".statements.nodes.id"));
        assertTrue(second.getBoolean(us + ".statements.pageInfo.hasNextPage"));

        var joint = GraphQL.file("nation-statements-and-commitments", "code", List.of("US"),
                "statementFilter", Map.of("kind", List.of("JOINT_POSITION")));
        assertEquals(11, joint.getInt(us + ".statements.totalCount"), joint.prettify());
        assertEquals(11, GraphQL.query("{ statements(filter: { nation: [\"US\"], kind: [JOINT_POSITION] }) { totalCount } }")
                .getInt("data.statements.totalCount"));
    }

    @Test
    void aCommitmentWithItsHistoryAndSources() {
        String id = GraphQL.query("{ commitments(first: 3) { nodes { id } } }").getString("data.commitments.nodes[2].id");
        var response = GraphQL.file("commitment-with-history", "id", id);
        assertNull(response.get("errors"), response.prettify());
        assertEquals("Supply of MQ-9B drones to India", response.getString("data.commitment.title"));
        assertEquals("IN_PROGRESS", response.getString("data.commitment.statusHistory[0].status"));
        assertEquals("2023-11-10", response.getString("data.commitment.statusHistory[0].asOf"));
        assertTrue(response.getString("data.commitment.statusHistory[0].evidence.text").contains("on track"));
        assertEquals(23, response.getInt("data.commitment.statusHistory[0].evidence.source.ordinal"));
    }

    @Test
    void aStatementWithItsSourceSpan() {
        String id = GraphQL.query("{ statements(first: 14) { nodes { id } } }").getString("data.statements.nodes[13].id");
        var response = GraphQL.file("statement-with-source", "id", id);
        assertNull(response.get("errors"), response.prettify());
        assertEquals("DIRECT_QUOTE", response.getString("data.statement.kind"));
        assertEquals(List.of("S. Jaishankar"), response.getList("data.statement.speakers.name"));
        assertEquals(List.of("IN"), response.getList("data.statement.nations.code"));
        String excerpt = response.getString("data.statement.source.excerpt");
        String text = response.getString("data.statement.text");
        assertEquals(text.length() + 40, excerpt.length(), "20 characters of context on each side");
        assertEquals(text, excerpt.substring(20, 20 + text.length()));
    }
}
