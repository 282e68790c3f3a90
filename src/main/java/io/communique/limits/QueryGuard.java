package io.communique.limits;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.communique.errors.ApiError;
import io.communique.errors.ErrorCodes;
import io.communique.errors.OperationRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Refuses over-limit operations before anything runs, and reports every operation's cost.
 *
 * <p>Depth, aliases, directives and fields (fragments expanded) are checked right after parsing,
 * before validation (which is what alias and fragment floods attack) and before graphql-java
 * normalizes the operation (which a fragment flood multiplies). The cost needs a valid document
 * and resolved variables, so it is computed just before execution starts. A refusal aborts the operation: no field is
 * resolved and no SQL runs. Every response gets {@code extensions.cost}: {@code requested} (null
 * when the operation was refused before it could be costed) and {@code limit}.
 */
@ApplicationScoped
public class QueryGuard extends SimplePerformantInstrumentation {

    private final LimitsConfig limits;
    private final ClientBudgets budgets;

    public QueryGuard(LimitsConfig limits, ClientBudgets budgets) {
        this.limits = limits;
        this.budgets = budgets;
    }

    /** Per-request memory: the cost once computed. */
    static final class State implements InstrumentationState {
        volatile Long requested;
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new State());
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        var shape = QueryShape.of(documentAndVariables.getDocument());
        List<ApiError> refusals = new ArrayList<>();
        if (shape.depth() > limits.maxDepth()) {
            refusals.add(ApiError.of(ErrorCodes.QUERY_TOO_DEEP, "The query nests fields " + shape.depth()
                    + " levels deep, more than the limit of " + limits.maxDepth() + ".")
                    .with(measured("depth", shape.depth(), limits.maxDepth())));
        }
        if (shape.aliases() > limits.maxAliases()) {
            refusals.add(ApiError.of(ErrorCodes.TOO_MANY_ALIASES, "The query uses " + shape.aliases()
                    + " aliases, more than the limit of " + limits.maxAliases() + ".")
                    .with(measured("aliases", shape.aliases(), limits.maxAliases())));
        }
        if (shape.directives() > limits.maxDirectives()) {
            refusals.add(ApiError.of(ErrorCodes.TOO_MANY_DIRECTIVES, "The query uses " + shape.directives()
                    + " directives, more than the limit of " + limits.maxDirectives() + ".")
                    .with(measured("directives", shape.directives(), limits.maxDirectives())));
        }
        if (shape.fields() > limits.maxFields()) {
            refusals.add(ApiError.of(ErrorCodes.TOO_MANY_FIELDS, "The query selects " + shape.fields()
                    + " fields once its fragments are expanded, more than the limit of " + limits.maxFields()
                    + ". Spread each fragment where it is needed once, rather than fragments inside fragments many times.")
                    .with(measured("fields", shape.fields(), limits.maxFields())));
        }
        if (!refusals.isEmpty()) {
            throw new OperationRefusedException(refusals);
        }
        return documentAndVariables;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var context = parameters.getExecutionContext();
        long cost;
        try {
            // The same normalized operation graphql-java memoizes for selection sets, so it is built once.
            var operation = context.getNormalizedQueryTree().get();
            cost = new QueryCost(context.getGraphQLSchema(), limits.listSizeEstimate()).of(operation);
        } catch (AbortExecutionException tooManyFields) {
            // graphql-java refuses to normalize more than 100,000 fields: far past any budget.
            throw new OperationRefusedException(List.of(tooComplex(null)));
        }
        ((State) state).requested = cost;
        if (cost > limits.maxCost()) {
            throw new OperationRefusedException(List.of(tooComplex(cost)));
        }
        // Last, so that an operation refused for anything else costs its client nothing.
        if (context.getGraphQLContext().get(ClientBudgets.CLIENT) instanceof String client) {
            var refused = budgets.charge(client, cost);
            if (refused.isPresent()) {
                throw new OperationRefusedException(List.of(rateLimited(refused.get())));
            }
        }
        return null;
    }

    static ApiError rateLimited(ClientBudgets.Refusal refusal) {
        Number rate = restoreRate(refusal.restorePerSecond());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("maximumAvailable", refusal.maximum());
        status.put("currentlyAvailable", refusal.available());
        status.put("restoreRate", rate);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retryAfter", refusal.retryAfterSeconds());
        details.put("throttleStatus", status);
        long points = refusal.points();
        return ApiError.of(ErrorCodes.RATE_LIMITED, "This operation costs " + points + (points == 1 ? " point" : " points")
                + " and this client has " + refusal.available() + " of its " + refusal.maximum()
                + " left, which come back at " + rate + " a second: retry in "
                + refusal.retryAfterSeconds() + " s, or ask for fewer items.")
                .with(details);
    }

    /** A whole rate as an integer (1000, not 1000.0), in the message and in JSON alike. */
    private static Number restoreRate(double rate) {
        return rate == Math.rint(rate) ? (Number) (long) rate : (Number) rate;
    }

    private static Map<String, Object> measured(String name, long value, long limit) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(name, value);
        details.put("limit", limit);
        return details;
    }

    private ApiError tooComplex(Long cost) {
        String measured = cost == null ? "more than can be measured" : Long.toString(cost);
        return ApiError.of(ErrorCodes.QUERY_TOO_COMPLEX, "The query's estimated cost is " + measured
                + ", more than the limit of " + limits.maxCost()
                + ". Ask for fewer items per connection (first/last), request fewer nested lists, or split the query.")
                .with(costExtension(cost));
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        Long requested = state instanceof State s ? s.requested : null;
        Map<Object, Object> extensions = new LinkedHashMap<>();
        if (result.getExtensions() != null) {
            extensions.putAll(result.getExtensions());
        }
        extensions.putAll(costExtension(requested));
        return CompletableFuture.completedFuture(result.transform(b -> b.extensions(extensions)));
    }

    /** {@code cost: {requested, limit}}, as every response carries it. */
    public Map<String, Object> costExtension(Long requested) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requested", requested);
        cost.put("limit", limits.maxCost());
        return Map.of("cost", cost);
    }
}
