package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.communique.model.CommitmentStatus;
import io.communique.support.Errors;
import io.communique.support.GraphQL;
import io.communique.support.ServerStatementCounter;
import io.communique.support.SqlStatementCounter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scoreboard on the seed: 9 commitments of the India–US 2+2, all made at one dialogue; 1 AGREED
 * (armoured vehicles), 2 IN_PROGRESS (GE F414, MQ-9B), 6 ANNOUNCED; India is a party to all 9, the
 * US to 8 (not to the MRO one, whose provider is US industry); 5 are about defence.
 */
@QuarkusTest
class CommitmentStatsTest {

    static final String STATS = GraphQL.load("commitment-stats");

    static JsonPath stats(List<String> groupBy, Map<String, Object> filter) {
        JsonPath response = filter == null ? GraphQL.query(STATS, "groupBy", groupBy)
                : GraphQL.query(STATS, "groupBy", groupBy, "filter", filter);
        assertNull(response.get("errors"), response::prettify);
        return response;
    }

    /** A group's counts as "ANNOUNCED=6 AGREED=1 ..." for the statuses with a count, lifecycle order. */
    static String counts(Map<String, Object> group) {
        List<String> parts = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byStatus = (List<Map<String, Object>>) group.get("byStatus");
        assertEquals(CommitmentStatus.values().length, byStatus.size(), "every status is listed");
        for (int i = 0; i < byStatus.size(); i++) {
            assertEquals(CommitmentStatus.values()[i].name(), byStatus.get(i).get("status"));
            if ((Integer) byStatus.get(i).get("count") > 0) {
                parts.add(byStatus.get(i).get("status") + "=" + byStatus.get(i).get("count"));
            }
        }
        return String.join(" ", parts);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> byKey(JsonPath response, String dimension, String field) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (Map<String, Object> group : response.<Map<String, Object>>getList("data.commitmentStats")) {
            Object key = group.get(dimension);
            String name = key instanceof Map<?, ?> node ? (String) ((Map<String, Object>) node).get(field) : String.valueOf(key);
            groups.put(name, group.get("total") + ": " + counts(group));
        }
        return groups;
    }

    @Test
    void withoutGroupingOneGroupHoldsEveryCommitment() {
        JsonPath response = stats(List.of(), null);
        List<Map<String, Object>> groups = response.getList("data.commitmentStats");
        assertEquals(1, groups.size());
        assertEquals(9, groups.get(0).get("total"));
        assertEquals("ANNOUNCED=6 AGREED=1 IN_PROGRESS=2", counts(groups.get(0)));
        assertEquals(0.0f, ((Number) groups.get(0).get("deliveredShare")).floatValue());
        assertNull(groups.get(0).get("nation"));
        assertNull(groups.get(0).get("status"));
    }

    @Test
    void byNationCountsACommitmentForEachNationParty() {
        assertEquals(Map.of("IN", "9: ANNOUNCED=6 AGREED=1 IN_PROGRESS=2", "US", "8: ANNOUNCED=5 AGREED=1 IN_PROGRESS=2"),
                byKey(stats(List.of("NATION"), null), "nation", "code"));
        assertEquals(List.of("IN", "US"), new ArrayList<>(byKey(stats(List.of("NATION"), null), "nation", "code").keySet()));
    }

    @Test
    void byStatusInLifecycleOrder() {
        Map<String, String> groups = byKey(stats(List.of("STATUS"), null), "status", null);
        assertEquals(List.of("ANNOUNCED", "AGREED", "IN_PROGRESS"), new ArrayList<>(groups.keySet()));
        assertEquals("6: ANNOUNCED=6", groups.get("ANNOUNCED"));
        assertEquals("1: AGREED=1", groups.get("AGREED"));
        assertEquals("2: IN_PROGRESS=2", groups.get("IN_PROGRESS"));
    }

    @Test
    void byTopicCountsACommitmentForEachTopic() {
        Map<String, String> groups = byKey(stats(List.of("TOPIC"), null), "topic", "slug");
        assertEquals(List.of("defence", "technology", "counter-terrorism", "semiconductors", "critical-minerals",
                "supply-chains", "mro", "humanitarian", "defence-manufacturing"), new ArrayList<>(groups.keySet()));
        assertEquals("5: ANNOUNCED=2 AGREED=1 IN_PROGRESS=2", groups.get("defence"));
        assertEquals("2: AGREED=1 IN_PROGRESS=1", groups.get("defence-manufacturing"));
        assertEquals("1: ANNOUNCED=1", groups.get("mro"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void nationAndStatusOverDefenceCommitments() {
        JsonPath response = stats(List.of("NATION", "STATUS"), Map.of("topic", List.of("defence")));
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> group : response.<Map<String, Object>>getList("data.commitmentStats")) {
            rows.add(((Map<String, Object>) group.get("nation")).get("code") + " " + group.get("status") + " " + group.get("total"));
        }
        assertEquals(List.of("IN ANNOUNCED 2", "IN AGREED 1", "IN IN_PROGRESS 2",
                "US ANNOUNCED 1", "US AGREED 1", "US IN_PROGRESS 2"), rows);
    }

    @Test
    void byDialogue() {
        JsonPath response = stats(List.of("DIALOGUE"), null);
        assertEquals(1, response.getList("data.commitmentStats").size());
        assertEquals(io.communique.support.Ids.base64("Dialogue:1"), response.getString("data.commitmentStats[0].dialogue.id"));
        assertEquals(9, response.getInt("data.commitmentStats[0].total"));
    }

    @Test
    void oneStatementForTheCountsAndOnePerNodeField() {
        ServerStatementCounter.resetBoth();
        stats(List.of("NATION", "TOPIC", "DIALOGUE"), null);
        assertEquals(4, SqlStatementCounter.count(), () -> String.join("\n", SqlStatementCounter.statements()));
        ServerStatementCounter.assertRanWhatHibernatePrepared();
        ServerStatementCounter.resetBoth();
        GraphQL.query("{ commitmentStats(groupBy: [NATION, TOPIC, STATUS, DIALOGUE]) { total deliveredShare byStatus { count } } }");
        assertEquals(1, SqlStatementCounter.count(), () -> String.join("\n", SqlStatementCounter.statements()));
        ServerStatementCounter.assertRanWhatHibernatePrepared();
        ServerStatementCounter.resetBoth();
        // The filter's names are checked in a statement of their own, as in every list.
        stats(List.of("STATUS"), Map.of("topic", List.of("defence"), "party", List.of("US")));
        assertEquals(2, SqlStatementCounter.count(), () -> String.join("\n", SqlStatementCounter.statements()));
        ServerStatementCounter.assertRanWhatHibernatePrepared();
    }

    @Test
    void badInputIsRefused() {
        Errors.single(GraphQL.query(STATS, "groupBy", List.of("NATION"), "filter", Map.of("party", List.of("XX"))),
                "BAD_USER_INPUT");
        Errors.single(GraphQL.query(STATS, "groupBy", List.of("NATION", "NATION")), "BAD_USER_INPUT");
    }

    @Test
    void deliveredShareIsDeliveredOverAll() {
        List<StatusCount> counts = new ArrayList<>();
        for (CommitmentStatus status : CommitmentStatus.values()) {
            int count = switch (status) {
                case DELIVERED -> 1;
                case ANNOUNCED, ABANDONED -> 1;
                case STALLED -> 1;
                default -> 0;
            };
            counts.add(new StatusCount(status, count));
        }
        CommitmentStatsGroup group = new CommitmentStatsGroup(null, null, null, null, counts);
        assertEquals(4, group.getTotal());
        assertEquals(0.25, group.getDeliveredShare());
        assertNull(new CommitmentStatsGroup(null, null, null, null, List.of()).getDeliveredShare());
    }
}
