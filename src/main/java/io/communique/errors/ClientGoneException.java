package io.communique.errors;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import io.smallrye.graphql.api.ErrorCode;
import java.util.List;

/**
 * A read skipped because the request's client has hung up: nobody will receive the answer, so the
 * fields still to be fetched fail fast instead of querying the database. Never sent to anyone (the
 * response is dropped), and not a fault, so nothing is logged.
 */
@ErrorCode(ErrorCodes.CLIENT_GONE)
public class ClientGoneException extends ApiException {

    public ClientGoneException() {
        super("The client closed the connection before the answer was ready.");
    }

    /** Whether an execution's errors (as graphql-java reports them, before mapping) include a skipped read. */
    public static boolean among(List<GraphQLError> errors) {
        for (GraphQLError error : errors) {
            if (error instanceof ExceptionWhileDataFetching fetching) {
                for (Throwable t = fetching.getException(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                    if (t instanceof ClientGoneException) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
