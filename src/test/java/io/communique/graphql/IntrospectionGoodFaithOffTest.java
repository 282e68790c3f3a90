package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code communique.limits.introspection-good-faith=false} turns graphql-java's check off: the query
 * LimitsTest sees refused runs. The check is JVM-wide in graphql-java, so each start sets it either
 * way; LimitsTest, started after or before this one, still sees it on.
 */
@QuarkusTest
@TestProfile(IntrospectionGoodFaithOffTest.Off.class)
class IntrospectionGoodFaithOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("communique.limits.introspection-good-faith", "false");
        }
    }

    @Test
    void repeatedTypeExpansionRunsWhenTheCheckIsOff() {
        var response = GraphQL.file("introspection-repeated");
        assertNull(response.get("errors"), response.prettify());
        assertTrue(response.getList("data.__schema.queryType.fields.name").contains("officials"), response.prettify());
        assertFalse(response.getList("data.__schema.mutationType.fields").isEmpty(), response.prettify());
        assertEquals(1, response.getList("data.officials.nodes").size());
    }
}
