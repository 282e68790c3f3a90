package io.communique.engine;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.communique.limits.QueryGuard;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.spi.EventingService;
import java.util.List;

/**
 * Adds {@link QueryGuard} to the graphql-java engine SmallRye builds. SmallRye loads this class
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
        return builder.instrumentation(new ChainedInstrumentation(List.of(existing, currentGuard())));
    }

    /**
     * SmallRye keeps the first instance of this class for the life of its own class loader; after a
     * dev-mode live reload the application's classes are new, so the guard is looked up by name in
     * the current application class loader rather than through this class's own reference.
     */
    private static Instrumentation currentGuard() {
        Class<?> type = QueryGuard.class;
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        if (application != null) {
            try {
                type = Class.forName(QueryGuard.class.getName(), false, application);
            } catch (ClassNotFoundException notThere) {
                // Same loader as this class: keep the direct reference.
            }
        }
        Object guard = Arc.container().instance(type).get();
        if (guard == null) {
            throw new IllegalStateException("No QueryGuard bean: limits cannot be enforced");
        }
        return (Instrumentation) guard;
    }
}
