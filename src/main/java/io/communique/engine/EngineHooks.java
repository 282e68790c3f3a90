package io.communique.engine;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.communique.limits.QueryGuard;
import io.communique.ops.OperationMetrics;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.spi.EventingService;
import java.util.List;

/**
 * Adds {@link QueryGuard} (limits) and {@link OperationMetrics} (per-operation timers) to the graphql-java engine SmallRye builds. SmallRye loads this class
 * with {@link java.util.ServiceLoader} (META-INF/services) and, as its config key is null, calls
 * it whether or not SmallRye's CDI events are enabled (enabling them would fire a CDI event for
 * every field fetched).
 */
public class EngineHooks implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // The builder has no getter: build once to read the instrumentations SmallRye set up (its
        // query cache among them), then chain ours after them so it sees their work.
        Instrumentation existing = builder.build().getInstrumentation();
        return builder.instrumentation(new ChainedInstrumentation(List.of(existing, current(QueryGuard.class),
                current(OperationMetrics.class))));
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
        return (Instrumentation) instrumentation;
    }
}
