package io.communique.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The operation needs a signed-in caller. */
@ErrorCode(ErrorCodes.UNAUTHENTICATED)
public class UnauthenticatedException extends ApiException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
