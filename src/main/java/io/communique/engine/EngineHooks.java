package io.communique.engine;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.validation.ValidationError;
import io.smallrye.graphql.execution.QueryCache;
import io.communique.limits.QueryGuard;
import io.communique.ops.OperationMetrics;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.spi.EventingService;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds {@link QueryGuard} (limits) and {@link OperationMetrics} (per-operation timers) to the
 * graphql-java engine SmallRye builds, and swaps the fetchers of batched {@code @Source} fields for
 * lighter ones ({@link SourceBatchFetchers}), and drops a field-visibility filter that filters
 * nothing ({@link FieldVisibility}). SmallRye loads this class
 * with {@link java.util.ServiceLoader} (META-INF/services) and, as its config key is null, calls
 * it whether or not SmallRye's CDI events are enabled (enabling them would fire a CDI event for
 * every field fetched).
 */
public class EngineHooks implements EventingService {

    private final SourceBatchFetchers batchFetchers = new SourceBatchFetchers();

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public Operation createOperation(Operation operation) {
        batchFetchers.remember(operation);
        return operation;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // The builder has no getters: build once to read the schema and the instrumentations SmallRye
        // set up (its query cache among them), then chain ours after them so it sees their work.
        GraphQL built = builder.build();
        List<Instrumentation> chain = new ArrayList<>();
        flatten(built.getInstrumentation(), chain);
        chain.add(current(QueryGuard.class));
        chain.add(current(OperationMetrics.class));
        return builder.schema(FieldVisibility.withoutNoOpFilter(batchFetchers.lighten(built.getGraphQLSchema())))
                .instrumentation(new ChainedInstrumentation(chain));
    }

    /**
     * One flat chain rather than SmallRye's chain inside ours: graphql-java walks a chain five times
     * per field fetched, so a nested one doubles that walking for no reason.
     */
    private static void flatten(Instrumentation instrumentation, List<Instrumentation> into) {
        if (instrumentation instanceof ChainedInstrumentation chained) {
            chained.getInstrumentations().forEach(inner -> flatten(inner, into));
        } else if (instrumentation instanceof QueryCache cache) {
            into.add(new ValidationOnly(cache));
        } else {
            into.add(instrumentation);
        }
    }

    /**
     * SmallRye's query cache only listens to validation (to cache a document once it is valid),
     * but it extends graphql-java's {@code SimpleInstrumentation}, whose no-op contexts the chain
     * keeps and calls back for every field. Delegating validation alone keeps the cache working
     * and lets the chain drop this link for fields.
     */
    private static final class ValidationOnly extends SimplePerformantInstrumentation {

        private final QueryCache cache;

        ValidationOnly(QueryCache cache) {
            this.cache = cache;
        }

        @Override
        public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                InstrumentationState state) {
            return cache.beginValidation(parameters, state);
        }
    }

    /**
     * SmallRye keeps the first instance of this class for the life of its own class loader; after a
     * dev-mode live reload the application's classes are new, so each instrumentation is looked up
     * by name in the current application class loader rather than through this class's own reference.
     */
    private static Instrumentation current(Class<? extends Instrumentation> wanted) {
        Class<?> type = wanted;
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        if (application != null) {
            try {
                type = Class.forName(wanted.getName(), false, application);
            } catch (ClassNotFoundException notThere) {
                // Same loader as this class: keep the direct reference.
            }
        }
        Object instrumentation = Arc.container().instance(type).get();
        if (instrumentation == null) {
            throw new IllegalStateException("No " + wanted.getSimpleName() + " bean: the engine cannot be set up");
        }
        // The bean itself, not its client proxy: the engine calls it several times per field.
        return (Instrumentation) ClientProxy.unwrap(instrumentation);
    }
}
