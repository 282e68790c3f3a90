package io.communique.http;

import java.util.Map;

/**
 * A GraphQL-over-HTTP request refused before execution: the HTTP status, the stable
 * {@code extensions.code} and a message that tells the client what to send instead.
 */
final class RequestRejected extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    RequestRejected(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    RequestRejected(int status, String code, String message, Map<String, String> headers) {
        // Expected outcome of a bad request, never a fault: no stack trace to fill or log.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
