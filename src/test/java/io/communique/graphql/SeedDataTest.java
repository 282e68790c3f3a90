package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the seeded India-US 2+2 dialogue says, read back through the public API. */
@QuarkusTest
class SeedDataTest {

    static final Set<String> COMMITMENTS = Set.of(
            "Co-production of armoured infantry vehicles",
            "Co-production of the GE F414 jet engine",
            "Supply of MQ-9B drones to India",
            "Liaison positions between the armed forces",
            "US industry support for India's MRO capabilities",
            "Counter-terrorism cooperation",
            "Technology cooperation on semiconductors and critical minerals",
            "Supply-chain security and industrial integration",
            "Coordination on humanitarian assistance in Gaza");

    @Test
    void acceptanceQueryReturnsTheFiveOfficialsTheQuoteAndTheCommitments() {
        var response = GraphQL.file("acceptance");
        assertNull(response.get("errors"));
        assertEquals(5, response.getInt("data.officials.totalCount"));
        List<Map<String, Object>> officials = response.getList("data.officials.nodes");
        assertEquals(List.of("Narendra Modi", "Rajnath Singh", "S. Jaishankar", "Lloyd J. Austin III", "Antony J. Blinken"),
                officials.stream().map(o -> o.get("name")).toList());

        assertEquals(List.of(), response.getList("data.officials.nodes.find { it.name == 'Narendra Modi' }.statements.nodes"));
        List<String> jaishankar = response.getList(
                "data.officials.nodes.find { it.name == 'S. Jaishankar' }.statements.nodes.text");
        assertTrue(jaishankar.stream().anyMatch(t -> t.startsWith("\"We are bolstering the partnership")
                && t.endsWith("\" Jaishankar said.")), jaishankar.toString());
        assertEquals(1, response.getList("data.officials.nodes.find { it.name == 'Rajnath Singh' }.statements.nodes").size());
        assertEquals(1, response.getList("data.officials.nodes.find { it.name == 'Lloyd J. Austin III' }.statements.nodes").size());
        assertEquals(List.of(), response.getList("data.officials.nodes.find { it.name == 'Antony J. Blinken' }.statements.nodes"));

        var everyCommitment = GraphQL.file("all-commitments");
        assertEquals(COMMITMENTS, Set.copyOf(everyCommitment.getList("data.commitments.nodes.title")));
    }

    @Test
    void everyLeadParagraphAndTakeawayIsAStatementWithItsAttribution() {
        var response = GraphQL.file("all-statements");
        assertNull(response.get("errors"));
        List<Map<String, Object>> statements = response.getList("data.statements.nodes");
        assertEquals(23, statements.size(), "4 lead paragraphs and 19 takeaways");
        assertEquals(23, response.getInt("data.statements.totalCount"));

        // Ordinal 4 + n is takeaway n; only takeaways 5, 6, 9 and 10 name a speaker.
        Map<Integer, List<String>> speakers = statements.stream().collect(Collectors.toMap(
                s -> ordinal(s), s -> ((List<Map<String, String>>) s.get("speakers")).stream().map(o -> o.get("name")).toList()));
        assertEquals(List.of("Rajnath Singh"), speakers.get(9));
        assertEquals(List.of("Lloyd J. Austin III"), speakers.get(10));
        assertEquals(List.of("S. Jaishankar"), speakers.get(13));
        assertEquals(List.of("S. Jaishankar"), speakers.get(14));
        assertEquals(4, speakers.values().stream().filter(l -> !l.isEmpty()).count());

        var quote = statements.stream().filter(s -> ordinal(s) == 14).findFirst().orElseThrow();
        assertEquals("DIRECT_QUOTE", quote.get("kind"));

        for (var s : statements) {
            String text = (String) s.get("text");
            List<String> nations = ((List<Map<String, String>>) s.get("nations")).stream().map(n -> n.get("code")).toList();
            if (text.startsWith("The two sides") || text.startsWith("Both nations") || text.startsWith("Both the nations")) {
                assertEquals("JOINT_POSITION", s.get("kind"), text);
                assertEquals(List.of("IN", "US"), nations, text);
            }
        }
        var quad = statements.stream().filter(s -> ordinal(s) == 12).findFirst().orElseThrow();
        assertTrue(((List<Map<String, String>>) quad.get("subjects")).stream().anyMatch(x -> x.get("slug").equals("quad")));
        var pathankot = statements.stream().filter(s -> ordinal(s) == 20).findFirst().orElseThrow();
        assertEquals(List.of(), pathankot.get("commitments"), "a condemnation is a statement, not a commitment");
    }

    @Test
    void everyCommitmentLinksItsStatementsAndHasEvidencedHistory() {
        var response = GraphQL.file("all-commitments");
        assertNull(response.get("errors"));
        List<Map<String, Object>> commitments = response.getList("data.commitments.nodes");
        assertEquals(9, commitments.size());
        for (var c : commitments) {
            List<Map<String, Object>> history = (List<Map<String, Object>>) c.get("statusHistory");
            assertFalse(history.isEmpty(), c.get("title") + " has no status history");
            assertEquals(c.get("status"), history.get(history.size() - 1).get("status"), "status is the newest entry");
            history.forEach(h -> assertTrue(h.get("evidence") != null, c.get("title") + " entry without evidence"));
            assertFalse(((List<?>) c.get("parties")).isEmpty(), c.get("title") + " has no parties");
        }
        var f414 = byTitle(commitments, "Co-production of the GE F414 jet engine");
        assertEquals(List.of(4, 23), ordinals(f414), "a lead paragraph and takeaway 19");
        assertEquals("IN_PROGRESS", f414.get("status"));
        var vehicles = byTitle(commitments, "Co-production of armoured infantry vehicles");
        assertEquals("AGREED", vehicles.get("status"));
        assertEquals(List.of(2, 8, 11), ordinals(vehicles));
        var drones = byTitle(commitments, "Supply of MQ-9B drones to India");
        assertEquals(List.of(Map.of("role", "SUPPLIER", "party", Map.of("__typename", "Nation", "code", "US")),
                Map.of("role", "RECIPIENT", "party", Map.of("__typename", "Nation", "code", "IN"))), drones.get("parties"));
        var mro = byTitle(commitments, "US industry support for India's MRO capabilities");
        assertEquals(Map.of("role", "PROVIDER", "party", Map.of("__typename", "Subject", "slug", "us-industry")),
                ((List<?>) mro.get("parties")).get(0));
    }

    @Test
    void nationsShowTheOtherNamesSearchFindsThemBy() {
        var response = GraphQL.file("nation-other-names");
        assertNull(response.get("errors"), response.prettify());
        Map<String, List<String>> byCode = Map.of(
                "US", List.of("USA", "U.S.", "U.S.A.", "America", "United States of America"),
                "IN", List.of("Bharat", "Republic of India"));
        List<Map<String, Object>> nations = response.getList("data.nations.nodes");
        assertEquals(byCode.keySet(), nations.stream().map(n -> n.get("code")).collect(Collectors.toSet()));
        nations.forEach(n -> assertEquals(byCode.get(n.get("code")), n.get("otherNames"), n.toString()));

        // Parties are read as plain columns, nations and subjects side by side: each keeps its own values.
        List<Map<String, Object>> parties = response.getList("data.commitments.nodes.parties.flatten().party");
        var partyNations = parties.stream().filter(p -> p.get("__typename").equals("Nation")).toList();
        assertFalse(partyNations.isEmpty());
        partyNations.forEach(p -> assertEquals(byCode.get(p.get("code")), p.get("otherNames"), p.toString()));
        assertTrue(parties.contains(Map.of("__typename", "Subject", "slug", "us-industry", "name", "US industry",
                "kind", "ORGANIZATION")), parties.toString());

        assertEquals(List.of(Map.of("code", "IN", "otherNames", byCode.get("IN"))), response.getList("data.search.nodes"));
    }

    private static int ordinal(Map<String, Object> statement) {
        return (Integer) ((Map<String, Object>) statement.get("source")).get("ordinal");
    }

    private static Map<String, Object> byTitle(List<Map<String, Object>> commitments, String title) {
        return commitments.stream().filter(c -> c.get("title").equals(title)).findFirst().orElseThrow();
    }

    private static List<Integer> ordinals(Map<String, Object> commitment) {
        var nodes = (List<Map<String, Object>>) ((Map<String, Object>) commitment.get("statements")).get("nodes");
        return nodes.stream().map(SeedDataTest::ordinal).toList();
    }
}
