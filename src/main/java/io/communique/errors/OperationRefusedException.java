package io.communique.errors;

import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import java.util.List;

/**
 * Refuses an operation before anything runs: over a limit (QueryGuard), or a mutation whose payload
 * would fail on its arguments or on the caller's role (MutationPayloadCheck). graphql-java turns an
 * {@link AbortExecutionException} thrown by an instrumentation into the response's errors; each carries
 * its own code.
 */
public class OperationRefusedException extends AbortExecutionException {

    private final List<ApiError> errors;

    public OperationRefusedException(List<ApiError> errors) {
        super(List.<GraphQLError>copyOf(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ApiError> errors() {
        return errors;
    }
}
