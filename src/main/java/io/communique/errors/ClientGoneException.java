package io.communique.errors;

import io.smallrye.graphql.api.ErrorCode;

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
}
