package io.communique.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import graphql.Scalars;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import graphql.schema.visibility.GraphqlFieldVisibility;
import graphql.schema.visibility.NoIntrospectionGraphqlFieldVisibility;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.spi.config.Config;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FieldVisibilityTest {

    /**
     * The fix only applies to the value Quarkus configures by default; if a Quarkus upgrade changes
     * that default, this fails rather than the filter silently coming back.
     */
    @Test
    void quarkusStillConfiguresTheNoOpPatternByDefault() {
        assertEquals(FieldVisibility.QUARKUS_DEFAULT, Config.get().getFieldVisibility());
    }

    @Test
    void theNoOpPatternFilterIsDropped() {
        GraphQLSchema schema = schema(BlockedFields.newBlock().addPattern("default").build());

        GraphQLSchema result = FieldVisibility.withoutNoOpFilter(schema, "default");

        assertSame(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY, result.getCodeRegistry().getFieldVisibility());
        assertEquals("hello", result.getQueryType().getFieldDefinition("hello").getName());
    }

    @Test
    void configuredPatternsAreKept() {
        GraphqlFieldVisibility blocked = BlockedFields.newBlock().addPattern("Query.hello").build();

        GraphQLSchema result = FieldVisibility.withoutNoOpFilter(schema(blocked), "Query.hello");

        assertSame(blocked, result.getCodeRegistry().getFieldVisibility());
    }

    @Test
    void noIntrospectionIsKept() {
        GraphqlFieldVisibility none = NoIntrospectionGraphqlFieldVisibility.NO_INTROSPECTION_FIELD_VISIBILITY;

        GraphQLSchema result = FieldVisibility.withoutNoOpFilter(schema(none), "no-introspection");

        assertSame(none, result.getCodeRegistry().getFieldVisibility());
    }

    private static GraphQLSchema schema(GraphqlFieldVisibility visibility) {
        GraphQLObjectType query = GraphQLObjectType.newObject().name("Query")
                .field(GraphQLFieldDefinition.newFieldDefinition().name("hello").type(Scalars.GraphQLString))
                .build();
        return GraphQLSchema.newSchema().query(query)
                .codeRegistry(GraphQLCodeRegistry.newCodeRegistry().fieldVisibility(visibility).build())
                .build();
    }
}
