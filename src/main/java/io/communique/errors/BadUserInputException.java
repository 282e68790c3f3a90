package io.communique.errors;

import io.smallrye.graphql.api.ErrorCode;

/** An argument is malformed or out of range; the message names the argument. */
@ErrorCode(ErrorCodes.BAD_USER_INPUT)
public class BadUserInputException extends ApiException {
    public BadUserInputException(String message) {
        super(message);
    }
}
