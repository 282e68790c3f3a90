package io.communique.errors;

import io.smallrye.graphql.api.ErrorCode;

/**
 * More events were waiting for one subscription than its buffer holds: it ends rather than skip some
 * silently. The client should read the current state again and subscribe again.
 */
@ErrorCode(ErrorCodes.SUBSCRIPTION_OVERFLOW)
public class SubscriptionOverflowException extends ApiException {
    public SubscriptionOverflowException(int buffer) {
        super("More than " + buffer + " events were waiting for this subscription at once, so it ended rather than skip"
                + " any. Read the current state again, then subscribe again.");
    }
}
