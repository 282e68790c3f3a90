package io.communique.errors;

import io.smallrye.graphql.api.ErrorCode;

/** A write based on a stale version of a node; nothing was written. */
@ErrorCode(ErrorCodes.CONFLICT)
public class ConflictException extends ApiException {
    public ConflictException(String message) {
        super(message);
    }
}
