package io.communique.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The caller lacks the role the operation needs. */
@ErrorCode(ErrorCodes.FORBIDDEN)
public class ForbiddenException extends ApiException {
    public ForbiddenException(String message) {
        super(message);
    }
}
