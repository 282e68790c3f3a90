package io.communique.errors;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Events a subscription may have wanted were lost on this instance: it ends rather than go on as if
 * nothing had been missed. As after {@link SubscriptionOverflowException}, the client should read the
 * current state again and subscribe again.
 */
@ErrorCode(ErrorCodes.EVENTS_INTERRUPTED)
public class EventsInterruptedException extends ApiException {

    private static final String AGAIN = "Read the current state again, then subscribe again.";

    private EventsInterruptedException(String message) {
        super(message);
    }

    /** The connection that hears the database's events broke: anything committed until it is back is never heard. */
    public static EventsInterruptedException listenerLost() {
        return new EventsInterruptedException("This instance lost its connection to the database's events, so changes"
                + " committed until it has it again would never reach this subscription: it ended rather than skip them"
                + " silently. " + AGAIN);
    }

    /** The rows of events were heard of but could not be read. */
    public static EventsInterruptedException unread() {
        return new EventsInterruptedException("Some changes could not be read to be sent as events, so this subscription"
                + " ended rather than skip them silently. " + AGAIN);
    }
}
