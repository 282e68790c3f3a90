package io.communique.ops;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request a correlation id: the caller's {@code X-Request-ID} (or
 * {@code X-Correlation-ID}) when it is well-formed, a new UUID otherwise. The id is echoed in the
 * {@code X-Request-ID} response header, put in the logging MDC as {@value #MDC_KEY} (so every log
 * line of the request carries it, in text and JSON logs alike), and named by errors that report a
 * fault ({@code extensions.correlationId}). Quarkus keeps the MDC of a request in its
 * duplicated Vert.x context, so it follows the request onto worker threads and is discarded with
 * that context. No end handler clears it: with one, a refused oversize request's connection was
 * no longer closed (GraphQLOverHttpTest, declared length over the limit), and every request sets
 * its own id here before anything logs.
 */
@ApplicationScoped
public class CorrelationIds {

    public static final String MDC_KEY = "correlationId";
    public static final String REQUEST_ID = "X-Request-ID";
    public static final String CORRELATION_ID = "X-Correlation-ID";

    /** Letters, digits and {@code - _ . :}, at most 128: UUIDs, ULIDs, trace ids; nothing that could forge a log line. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    void install(@Observes Router router) {
        // Among the first handlers, before authentication and the upload limit, so refusals carry the id too.
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER).handler(this::assign);
    }

    void assign(RoutingContext ctx) {
        String requestId = ctx.request().getHeader(REQUEST_ID);
        String correlationId = ctx.request().getHeader(CORRELATION_ID);
        // The first well-formed of the two: a malformed X-Request-ID does not discard a good X-Correlation-ID.
        String id = accepted(requestId) ? requestId : accepted(correlationId) ? correlationId : UUID.randomUUID().toString();
        ctx.put(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
        ctx.response().putHeader(REQUEST_ID, id);
        // A client that sent X-Correlation-ID reads it back, whether or not X-Request-ID came too.
        if (correlationId != null) {
            ctx.response().putHeader(CORRELATION_ID, id);
        }
        ctx.next();
    }

    static boolean accepted(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    /** The id of the request being served on this thread, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id instanceof String s && !s.isEmpty() ? s : null;
    }
}
