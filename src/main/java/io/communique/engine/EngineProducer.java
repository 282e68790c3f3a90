package io.communique.engine;

import io.communique.errors.ErrorMapper;
import io.communique.limits.LimitsConfig;
import io.communique.limits.QueryGuard;
import io.quarkus.arc.Unremovable;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.schema.model.Schema;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Replaces SmallRye's {@link ExecutionService} bean, which every Quarkus GraphQL transport looks
 * up, by the {@link NormalizingExecutionService}. SmallRye builds the schema at startup; this bean
 * is created on the first request, from that schema.
 */
@Singleton
public class EngineProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    @Unremovable
    ExecutionService executionService(graphql.schema.GraphQLSchema graphQLSchema, Schema schema, ErrorMapper mapper,
            QueryGuard guard, LimitsConfig limits) {
        return new NormalizingExecutionService(graphQLSchema, schema, mapper, guard, limits);
    }
}
