package io.communique.errors;

import io.smallrye.graphql.api.ErrorCode;

/** A well-formed global id or key that resolves to nothing. */
@ErrorCode(ErrorCodes.NOT_FOUND)
public class NotFoundException extends ApiException {
    public NotFoundException(String message) {
        super(message);
    }
}
