package io.communique.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.Scalars;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.communique.limits.QueryGuard;
import io.communique.ops.OperationMetrics;
import io.smallrye.graphql.execution.QueryCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OperationLevelChainTest {

    /** The instrumentations the engine installs today; if one grows a per-field hook, every field pays for the chain again. */
    @Test
    void theEnginesInstrumentationsArePerOperationOnly() {
        assertTrue(OperationLevelChain.perOperationOnly(QueryGuard.class));
        assertTrue(OperationLevelChain.perOperationOnly(OperationMetrics.class));
        assertTrue(OperationLevelChain.perOperationOnly(MutationPayloadCheck.class));
        // SmallRye's query cache: graphql-java's SimpleInstrumentation, whose per-field hooks are the interface's no-op defaults.
        assertTrue(OperationLevelChain.perOperationOnly(QueryCache.class));
    }

    @Test
    void aPerFieldHookIsDetectedWhereverItIsDeclared() {
        assertFalse(OperationLevelChain.perOperationOnly(FieldCounter.class));
        assertFalse(OperationLevelChain.perOperationOnly(ChainedInstrumentation.class));
    }

    @Test
    void perOperationHooksReachEveryMemberWithItsOwnState() {
        var first = new OperationRecorder("first");
        var second = new OperationRecorder("second");
        Instrumentation chain = OperationLevelChain.of(List.of(first, second));
        assertInstanceOf(OperationLevelChain.class, chain);

        ExecutionResult result = engine(chain).execute("{ a b }");

        assertEquals(Map.of("a", "A", "b", "B"), result.getData());
        assertEquals(List.of("operation first", "result first"), first.calls);
        assertEquals(List.of("operation second", "result second"), second.calls);
        assertEquals(Map.of("first", true, "second", true), result.getExtensions());
    }

    @Test
    void aMemberWithPerFieldHooksGetsGraphqlJavasOwnChain() {
        var counter = new FieldCounter();
        Instrumentation chain = OperationLevelChain.of(List.of(new OperationRecorder("first"), counter));
        assertFalse(chain instanceof OperationLevelChain);

        engine(chain).execute("{ a b }");

        assertEquals(2, counter.fetched);
    }

    private static GraphQL engine(Instrumentation instrumentation) {
        GraphQLObjectType query = GraphQLObjectType.newObject().name("Query")
                .field(GraphQLFieldDefinition.newFieldDefinition().name("a").type(Scalars.GraphQLString)
                        .staticValue("A"))
                .field(GraphQLFieldDefinition.newFieldDefinition().name("b").type(Scalars.GraphQLString)
                        .staticValue("B"))
                .build();
        return GraphQL.newGraphQL(GraphQLSchema.newSchema().query(query).build()).instrumentation(instrumentation).build();
    }

    /** Records its per-operation hooks, and checks it is handed back the state it created. */
    static final class OperationRecorder extends SimplePerformantInstrumentation {
        final String name;
        final List<String> calls = new ArrayList<>();

        OperationRecorder(String name) {
            this.name = name;
        }

        record Mine(String owner) implements InstrumentationState {
        }

        @Override
        public CompletableFuture<InstrumentationState> createStateAsync(
                graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters parameters) {
            return CompletableFuture.completedFuture(new Mine(name));
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            calls.add("operation " + ((Mine) state).owner());
            return null;
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            calls.add("result " + ((Mine) state).owner());
            return CompletableFuture.completedFuture(result.transform(b -> b.addExtension(((Mine) state).owner(), true)));
        }
    }

    /** A field-level instrumentation, as SmallRye's federation tracing is. */
    static final class FieldCounter extends SimplePerformantInstrumentation {
        int fetched;

        @Override
        @SuppressWarnings("deprecation")
        public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            fetched++;
            return null;
        }
    }
}
