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
        QueryGuard guard = Arc.container().instance(QueryGuard.class).get();
        return builder.instrumentation(new ChainedInstrumentation(List.of(existing, guard)));
    }
}
