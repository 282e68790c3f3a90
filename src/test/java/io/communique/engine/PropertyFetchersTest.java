package io.communique.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.LightDataFetcher;
import io.communique.graphql.ImportCount;
import io.communique.graphql.ImportDialoguePayload;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Plain fields are read by {@link PropertyFetchers} as graphql-java light fetchers, which build no
 * {@link DataFetchingEnvironment} for a scalar or object field. If SmallRye stopped using them, or
 * wrapped them, the engine would silently go back to building one per field: this fails instead.
 */
@QuarkusTest
class PropertyFetchersTest {

    @Inject
    GraphQLSchema schema;

    static final ImportDialoguePayload PAYLOAD = new ImportDialoguePayload(null, 3, 1, 0,
            List.of(new ImportCount("statements", 3, 1, 0)), "m-1");

    LightDataFetcher<?> fetcher(String type, String field) {
        GraphQLFieldDefinition definition = ((GraphQLObjectType) schema.getType(type)).getFieldDefinition(field);
        DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field), definition);
        assertInstanceOf(PropertyFetchers.PropertyFetcher.class, fetcher, type + "." + field);
        return (LightDataFetcher<?>) fetcher;
    }

    @Test
    void aScalarFieldIsReadWithoutBuildingItsEnvironment() throws Exception {
        Supplier<DataFetchingEnvironment> never = () -> {
            throw new AssertionError("no environment is needed for a scalar field");
        };
        assertEquals(3, fetcher("ImportDialoguePayload", "created").get(null, PAYLOAD, never));
        assertEquals("m-1", fetcher("ImportDialoguePayload", "clientMutationId").get(null, PAYLOAD, never));
    }

    @Test
    void aListFieldGetsItsEnvironmentForSmallRyesAdapters() throws Exception {
        AtomicInteger built = new AtomicInteger();
        Supplier<DataFetchingEnvironment> counted = () -> {
            built.incrementAndGet();
            return DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source(PAYLOAD).build();
        };
        assertEquals(PAYLOAD.counts(), fetcher("ImportDialoguePayload", "counts").get(null, PAYLOAD, counted));
        assertEquals(1, built.get());
    }

    @Test
    void theClassicEntryPointReadsTheSameValue() throws Exception {
        var environment = DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source(PAYLOAD).build();
        assertEquals(1, fetcher("ImportDialoguePayload", "updated").get(environment));
    }
}
