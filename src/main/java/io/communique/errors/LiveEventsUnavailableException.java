package io.communique.errors;

import io.smallrye.graphql.api.ErrorCode;

/**
 * A subscription asked for while this instance hears no database events (its listening connection is
 * being opened again): refused, since started then it would miss events without anyone knowing. Nothing
 * was missed yet, so retrying later is all the client has to do, as for any {@code SERVICE_UNAVAILABLE}.
 */
@ErrorCode(ErrorCodes.SERVICE_UNAVAILABLE)
public class LiveEventsUnavailableException extends ApiException {
    public LiveEventsUnavailableException() {
        super("This instance is not receiving the database's events right now (it is reconnecting), so the subscription"
                + " was not started rather than miss some. Subscribe again in a few seconds.");
    }
}
