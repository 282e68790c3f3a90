package io.communique.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.communique.support.GraphQL;
import io.communique.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first requests an instance serves, all at once: SmallRye builds its engine lazily and without a
 * lock, so several builds run together. Each used to transform the schema again, and the builds
 * corrupted each other's input types (EngineHooks.executed): a request or two in sixteen came back
 * "Variable 'input' of type 'UpdateCommitmentStatusInput!' used in position expecting type
 * 'UpdateCommitmentStatusInput!'" (3 runs of 3 before the fix). An application of its own, so that
 * these are its first requests.
 */
@QuarkusTest
@TestProfile(SimultaneousFirstRequestsTest.Fresh.class)
class SimultaneousFirstRequestsTest {

    /** No overrides: a profile of its own only for a fresh application. */
    public static class Fresh implements QuarkusTestProfile {
    }

    @Test
    void simultaneousFirstRequestsWithInputObjectVariablesAllValidate() throws Exception {
        List<JsonPath> responses = Race.of(16, i ->
                // Validated before the token is asked for: UNAUTHENTICATED means the document validated.
                GraphQL.file("update-commitment-status", "input", Map.of("commitmentId", "Q29tbWl0bWVudDox",
                        "status", "IN_PROGRESS", "asOf", "2024-03-01", "expectedVersion", 0,
                        "evidence", Map.of("statementId", "U3RhdGVtZW50OjE0"))));
        for (JsonPath response : responses) {
            assertEquals("UNAUTHENTICATED", response.getString("errors[0].extensions.code"), response.prettify());
        }
    }
}
