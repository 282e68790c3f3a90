package io.communique.engine;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import io.communique.cache.ResponseCache;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * What the engine tells the {@link ResponseCache}, once it knows which operation runs: a query may be
 * stored (unless it reads something other than the data), and a mutation retires every stored answer
 * when it has finished, before its own answer is sent, whatever transport it came by.
 */
@Singleton
@Unremovable
public class ResponseCachePolicy extends SimplePerformantInstrumentation {

    /**
     * Root fields whose answer depends on more than the committed data. {@code changes} stops at the
     * oldest transaction still running (ChangeFeed), which moves when a transaction ends, whether it
     * wrote or rolled back: only the latter sends no notice.
     */
    static final Set<String> UNCACHEABLE_ROOT_FIELDS = Set.of("changes");

    private final ResponseCache cache;

    public ResponseCachePolicy(ResponseCache cache) {
        this.cache = cache;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        OperationDefinition.Operation operation = context.getOperationDefinition().getOperation();
        if (operation == OperationDefinition.Operation.MUTATION) {
            return SimpleInstrumentationContext.whenCompleted((result, failure) -> cache.invalidate());
        }
        if (operation == OperationDefinition.Operation.QUERY
                && context.getGraphQLContext().get(ResponseCache.TICKET) instanceof ResponseCache.Ticket ticket
                // Memoized: QueryGuard built it to cost the operation.
                && context.getNormalizedQueryTree().get().getTopLevelFields().stream()
                        .noneMatch(field -> UNCACHEABLE_ROOT_FIELDS.contains(field.getName()))) {
            ticket.cacheable();
        }
        return null;
    }
}
