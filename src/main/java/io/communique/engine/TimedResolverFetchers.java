package io.communique.engine;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusDefaultDataFetcher;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * Quarkus's fetcher of resolver methods ({@code @Query}, {@code @Mutation}, unbatched {@code @Source}),
 * with SmallRye's per-field timer ({@code mp_graphql_seconds}) also when it runs the resolver on the
 * calling thread. Quarkus 3.33 times a resolver only when it hands it to a worker; since every query
 * and mutation now runs on a worker with its resolvers inline ({@link NormalizingExecutionService}),
 * the root fields' timers would otherwise have stopped. Handing over to a worker (a subscription's
 * fetchers) is left to Quarkus, timer included. SmallRye finds this class with
 * {@link java.util.ServiceLoader} (META-INF/services) and asks it before Quarkus's (priority 1).
 */
public class TimedResolverFetchers implements DataFetcherService {

    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableBatchableDataFetcher<?, ?> getDefaultDataFetcher(Operation operation, Type type) {
        return new TimedFetcher<>(operation, type);
    }

    static final class TimedFetcher<K, T> extends QuarkusDefaultDataFetcher<K, T> {

        TimedFetcher(Operation operation, Type type) {
            super(operation, type);
        }

        @Override
        public <R> R invokeAndTransform(Context context, DataFetchingEnvironment environment,
                DataFetcherResult.Builder<Object> result, Object[] arguments) throws Exception {
            if (!Boolean.TRUE.equals(environment.getGraphQlContext().get(NormalizingExecutionService.RUN_BLOCKING))) {
                return super.invokeAndTransform(context, environment, result, arguments);
            }
            Long measurement = metricsEmitter.start(context);
            try {
                return super.invokeAndTransform(context, environment, result, arguments);
            } finally {
                metricsEmitter.end(measurement);
            }
        }
    }
}
