package io.communique.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * What a request's {@code Cache-Control} (RFC 9111, 5.2.1) asks of the server's response cache:
 * {@code no-cache} (or {@code max-age=0}, which a browser's reload sends, or HTTP/1.0's
 * {@code Pragma: no-cache} without a Cache-Control) runs the query afresh, {@code no-store} keeps its
 * answer out of the cache. Other directives are a shared cache's business and change nothing here.
 */
record CacheDirectives(boolean noCache, boolean noStore) {

    private static final CacheDirectives NONE = new CacheDirectives(false, false);

    static CacheDirectives of(HttpServerRequest request) {
        String cacheControl = ListHeaders.joined(request, HttpHeaders.CACHE_CONTROL);
        if (cacheControl == null) {
            String pragma = ListHeaders.joined(request, "Pragma");
            return pragma != null && pragma.toLowerCase(Locale.ROOT).contains("no-cache") ? new CacheDirectives(true, false)
                    : NONE;
        }
        boolean noCache = false;
        boolean noStore = false;
        for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            String d = directive.trim();
            if (d.equals("no-cache") || d.replace("\"", "").equals("max-age=0")) {
                noCache = true;
            } else if (d.equals("no-store")) {
                noStore = true;
            }
        }
        return new CacheDirectives(noCache, noStore);
    }
}
