package io.communique.graphql;

import static io.communique.graphql.PaginationTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Global ids: every type round-trips through node(id:), ids are stable, bad ids get typed errors. */
@QuarkusTest
class NodeTest {

    @Test
    void everyNodeTypeRoundTripsThroughNode() {
        var ids = GraphQL.file("every-node-id");
        assertNull(ids.get("errors"));
        Map<String, String> byType = Map.of(
                "Nation", ids.getString("data.nations.nodes[0].id"),
                "Official", ids.getString("data.officials.nodes[0].id"),
                "Dialogue", ids.getString("data.dialogues.nodes[0].id"),
                "SourceDocument", ids.getString("data.sourceDocuments.nodes[0].id"),
                "Statement", ids.getString("data.statements.nodes[0].id"),
                "Commitment", ids.getString("data.commitments.nodes[0].id"),
                "CommitmentStatusChange", ids.getString("data.commitments.nodes[0].statusHistory[0].id"),
                "Topic", ids.getString("data.topics.nodes[0].id"),
                "Subject", ids.getString("data.subjects.nodes[0].id"));
        byType.forEach((type, id) -> {
            var node = GraphQL.file("node", "id", id);
            assertNull(node.get("errors"), type);
            assertEquals(type, node.getString("data.node.__typename"));
            assertEquals(id, node.getString("data.node.id"));
        });

        List<String> all = new ArrayList<>(byType.values());
        all.add(Ids.base64("Official:999999"));
        var nodes = GraphQL.query("query($ids: [String!]!) { nodes(ids: $ids) { __typename id } }", "ids", all);
        assertNull(nodes.get("errors"));
        List<Map<String, String>> found = nodes.getList("data.nodes");
        for (int i = 0; i < byType.size(); i++) {
            assertEquals(all.get(i), found.get(i).get("id"));
        }
        assertNull(found.get(byType.size()), "unknown ids give null entries");
    }

    @Test
    void seededIdsAreStableAcrossRestartsAndReseeding() {
        // Seed rows carry fixed keys, so their ids can be bookmarked: this literal must keep resolving.
        var node = GraphQL.file("node", "id", "T2ZmaWNpYWw6NQ");
        assertEquals("Antony J. Blinken", node.getString("data.node.name"));
        assertEquals("T2ZmaWNpYWw6NQ", node.getString("data.node.id"));
    }

    @Test
    void aWellFormedUnknownIdIsNotFound() {
        var response = GraphQL.file("node", "id", Ids.base64("Statement:424242"));
        assertError(response, "NOT_FOUND", "node");
        assertNull(response.get("data.node"));

        var typed = GraphQL.query("query($id: ID!) { commitment(id: $id) { title } }", "id", Ids.base64("Commitment:77777"));
        assertError(typed, "NOT_FOUND", "commitment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "not-an-id", "%%%", "T2ZmaWNpYWw6", "T2ZmaWNpYWw6LTE", "VW5pY29ybjox", ""})
    void aMalformedIdIsBadUserInput(String id) {
        var response = GraphQL.file("node", "id", id);
        assertError(response, "BAD_USER_INPUT", "node");
        assertEquals("Argument 'id' is not a valid node id.", response.getString("errors[0].message"));
    }

    @Test
    void anIdOfAnotherTypeIsBadUserInput() {
        String statement = GraphQL.query("{ statements(first: 1) { nodes { id } } }").getString("data.statements.nodes[0].id");
        var response = GraphQL.query("query($id: ID!) { official(id: $id) { name } }", "id", statement);
        assertError(response, "BAD_USER_INPUT", "official");
        assertEquals("Argument 'id' must be the id of an Official, not of a Statement.", response.getString("errors[0].message"));
    }

    @Test
    void nodesRefusesMoreThan100IdsAndNamesTheBadOne() {
        String[] many = new String[101];
        Arrays.fill(many, "T2ZmaWNpYWw6NQ");
        assertError(GraphQL.query("query($ids: [String!]!) { nodes(ids: $ids) { id } }", "ids", List.of(many)),
                "BAD_USER_INPUT", "nodes");
        var bad = GraphQL.query("query($ids: [String!]!) { nodes(ids: $ids) { id } }", "ids", List.of("T2ZmaWNpYWw6NQ", "nope"));
        assertError(bad, "BAD_USER_INPUT", "nodes");
        assertEquals("Argument 'ids[1]' is not a valid node id.", bad.getString("errors[0].message"));
    }

    @Test
    void nationByCode() {
        assertEquals("India", GraphQL.query("{ nation(code: \"IN\") { name } }").getString("data.nation.name"));
        assertNull(GraphQL.query("{ nation(code: \"FR\") { name } }").get("data.nation"));
        assertError(GraphQL.query("{ nation(code: \"india\") { name } }"), "BAD_USER_INPUT", "nation");
    }
}
