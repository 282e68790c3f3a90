package io.communique.support;

import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;

/** {@code updateCommitmentStatus}, as the tests that write a status send it. */
public final class StatusUpdates {

    /** The mutation, with the payload of update-commitment-status.graphql. */
    public static final String MUTATION = GraphQL.load("update-commitment-status");
    /** The evidence every such update cites: a statement of the seed's dialogue. */
    public static final String EVIDENCE = Ids.base64("Statement:14");

    private StatusUpdates() {
    }

    /**
     * The input that records {@code status} for {@code commitment} as of 2024-03-01, evidenced by
     * {@link #EVIDENCE}, followed by any further {@code name, value} pairs; a mutable map.
     */
    public static Map<String, Object> input(long commitment, String status, Object... more) {
        Map<String, Object> input = new HashMap<>();
        input.put("commitmentId", Ids.base64("Commitment:" + commitment));
        input.put("status", status);
        input.put("asOf", "2024-03-01");
        input.put("evidence", Map.of("statementId", EVIDENCE));
        for (int i = 0; i < more.length; i += 2) {
            input.put((String) more[i], more[i + 1]);
        }
        return input;
    }

    /** Sends the update as {@code token}'s bearer. */
    public static JsonPath send(String token, Map<String, Object> input) {
        return GraphQL.as(token, MUTATION, "input", input);
    }
}
