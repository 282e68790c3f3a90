package io.communique.errors;

import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import java.util.List;

/**
 * Refuses an operation before anything runs. graphql-java turns an {@link AbortExecutionException}
 * thrown by an instrumentation into the response's errors; each carries its own limit code.
 */
public class LimitExceededException extends AbortExecutionException {

    private final List<ApiError> errors;

    public LimitExceededException(List<ApiError> errors) {
        super(List.<GraphQLError>copyOf(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ApiError> errors() {
        return errors;
    }
}
