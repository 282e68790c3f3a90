package io.communique.ops;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.communique.service.ClientPresence;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One timer per GraphQL operation, {@value #METRIC} (Prometheus: {@code graphql_operation_seconds_*}),
 * tagged {@code operation} (its name), {@code type} (query, mutation, subscription) and
 * {@code outcome} (success, or error when the response has errors; abandoned when the client hung up
 * before the execution ended, whatever its errors: nobody received it, and the reads it skipped are
 * not failures), with histogram buckets for
 * percentiles. Operation names come from clients, so their number is bounded: an unnamed
 * operation is {@code anonymous}; a document that never ran (syntax, validation, limits) is
 * {@code invalid} of type {@code unknown}; names longer than 64 characters are cut; once
 * {@code communique.metrics.max-operation-names} distinct names have been seen, any new one is
 * {@code other}. Installed by {@code io.communique.engine.EngineHooks}.
 */
@ApplicationScoped
@Unremovable
public class OperationMetrics extends SimplePerformantInstrumentation {

    public static final String METRIC = "graphql.operation";
    static final String ANONYMOUS = "anonymous";
    static final String INVALID = "invalid";
    static final String OTHER = "other";
    static final int MAX_NAME = 64;

    private final MeterRegistry registry;
    private final int maxNames;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    public OperationMetrics(MeterRegistry registry,
            @ConfigProperty(name = "communique.metrics.max-operation-names", defaultValue = "200") int maxNames) {
        this.registry = registry;
        this.maxNames = maxNames;
    }

    static final class State implements InstrumentationState {
        final long started = System.nanoTime();
        // Taken while the request context is active: the execution may end on a thread without it.
        final ClientPresence client = ClientPresence.current();
        volatile String operation = INVALID;
        volatile String type = "unknown";
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new State());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        if (state instanceof State s) {
            var definition = parameters.getExecutionContext().getOperationDefinition();
            s.operation = bounded(definition.getName());
            s.type = definition.getOperation().name().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (state instanceof State s) {
            Timer.builder(METRIC)
                    .description("GraphQL operations executed, by operation name and type, with their latency")
                    .tag("operation", s.operation)
                    .tag("type", s.type)
                    .tag("outcome", outcome(result, s.client))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - s.started));
        }
        return CompletableFuture.completedFuture(result);
    }

    private static String outcome(ExecutionResult result, ClientPresence client) {
        if (client != null && client.gone()) {
            return "abandoned";
        }
        return result.getErrors().isEmpty() ? "success" : "error";
    }

    String bounded(String name) {
        if (name == null || name.isEmpty()) {
            return ANONYMOUS;
        }
        String cut = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        if (names.contains(cut)) {
            return cut;
        }
        synchronized (names) {
            if (names.size() >= maxNames) {
                return OTHER;
            }
            names.add(cut);
            return cut;
        }
    }
}
