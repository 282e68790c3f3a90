package io.communique.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * A list-based header as RFC 9110 (5.3) defines it: several lines of it mean the same as one line of
 * their values joined with commas. Vert.x's {@code getHeader} returns the first line alone, so
 * {@code Accept: text/html} then {@code Accept: application/json} was 406, and a second
 * {@code Content-Type} or {@code If-None-Match} line went unread.
 */
final class ListHeaders {

    private ListHeaders() {
    }

    /** Every line of {@code name} joined with ", ", or null when the request has none. */
    static String joined(HttpServerRequest request, CharSequence name) {
        List<String> lines = request.headers().getAll(name);
        if (lines.isEmpty()) {
            return null;
        }
        return lines.size() == 1 ? lines.get(0) : String.join(", ", lines);
    }
}
