package io.communique.apq;

import io.communique.errors.ErrorCodes;

/**
 * A persisted-query request that cannot run as sent. The transport decides the HTTP status; the
 * code is one of {@link ErrorCodes} and the message is what Apollo clients match on.
 */
public final class PersistedQueryException extends RuntimeException {

    private final String code;

    PersistedQueryException(String code, String message) {
        // An expected answer to a client, never a fault: no stack trace to fill or log.
        super(message, null, false, false);
        this.code = code;
    }

    /**
     * The hash names no stored document: the client resends the same request with the text.
     * Apollo's persisted-queries link recognises the message as well as the code, and older
     * clients only the message, so the message is exactly "PersistedQueryNotFound".
     */
    public static PersistedQueryException notFound() {
        return new PersistedQueryException(ErrorCodes.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
    }

    public String code() {
        return code;
    }

    public boolean isNotFound() {
        return ErrorCodes.PERSISTED_QUERY_NOT_FOUND.equals(code);
    }
}
