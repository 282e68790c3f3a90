package io.communique.live;

import io.communique.errors.ErrorCodes;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Lets the server stop promptly while subscribers are connected: their WebSockets are closed when
 * shutdown starts, new ones are refused from then on, and a closed WebSocket stops counting as a
 * request in flight.
 *
 * <p>Quarkus's graceful shutdown waits until every HTTP request in flight is done, and in Quarkus
 * 3.33 an upgraded request is never done: the request's end is taken from its HTTP response, which
 * a WebSocket never finishes, even once the socket is closed. So one subscription, ever, made every
 * later SIGTERM wait the whole {@code quarkus.shutdown.timeout} and log "Timed out waiting for
 * graceful shutdown". Here the request is marked done when its connection closes (Quarkus's
 * {@code QuarkusRequestWrapper.done()}, package-private, called through a method handle; if a
 * Quarkus upgrade removes it, a warning says so at start and shutdown waits as before, and
 * SubscriptionDrainTest fails).
 *
 * <p>At Quarkus's pre-shutdown event ({@code quarkus.shutdown.delay-enabled=true}), before the HTTP
 * layer starts to wait, open WebSockets are closed (Vert.x sends close code 1000). Subscribers lose
 * nothing they would not lose at the timeout, and learn of it at once: graphql-ws clients (Apollo's,
 * urql's, the npm {@code graphql-ws}) reconnect and subscribe again, on another instance once this
 * one is out of the load balancer. An upgrade that arrives during a configured
 * {@code quarkus.shutdown.delay} gets {@code 503} with {@code Retry-After}, so that the retry goes
 * elsewhere instead of opening a socket that would be closed again.
 */
@ApplicationScoped
public class SubscriptionDrain {

    private static final Logger LOG = Logger.getLogger(SubscriptionDrain.class);
    /**
     * Just ahead of the route that upgrades the request and ends routing (GraphQLHttpRoute's WebSocket
     * route, -100). SubscriptionDrainTest fails if the upgrade happens first.
     */
    static final int ORDER = -101;
    static final MethodHandle REQUEST_DONE = requestDone();

    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private final String path;
    private volatile boolean draining;

    public SubscriptionDrain(
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String path) {
        this.path = path.startsWith("/") ? path : "/" + path;
    }

    private static MethodHandle requestDone() {
        try {
            return MethodHandles.privateLookupIn(QuarkusRequestWrapper.class, MethodHandles.lookup())
                    .findVirtual(QuarkusRequestWrapper.class, "done", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Closed WebSockets will count as requests in flight at shutdown, which then waits for"
                    + " quarkus.shutdown.timeout: QuarkusRequestWrapper.done() is not reachable (%s)", e);
            return null;
        }
    }

    void install(@Observes Router router) {
        router.route(path).order(ORDER).handler(this::track);
    }

    void track(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            ctx.next();
            return;
        }
        if (draining) {
            ctx.response().setStatusCode(503)
                    .putHeader(HttpHeaders.RETRY_AFTER, "1")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end("{\"errors\":[{\"message\":\"This instance is shutting down: connect again.\","
                            + "\"extensions\":{\"code\":\"" + ErrorCodes.SERVICE_UNAVAILABLE + "\"}}]}");
            return;
        }
        HttpConnection connection = request.connection();
        QuarkusRequestWrapper wrapper = wrapper(request);
        open.add(connection);
        // The channel's close future takes any number of listeners; HttpConnection.closeHandler has
        // one slot, which Quarkus's connection limit may be using.
        ((ConnectionBase) connection).channel().closeFuture().addListener(closed -> {
            open.remove(connection);
            markDone(wrapper);
        });
        ctx.next();
    }

    private static QuarkusRequestWrapper wrapper(HttpServerRequest request) {
        try {
            return QuarkusRequestWrapper.get(request);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void markDone(QuarkusRequestWrapper wrapper) {
        if (REQUEST_DONE == null || wrapper == null) {
            return;
        }
        try {
            REQUEST_DONE.invoke(wrapper);
        } catch (Throwable e) {
            LOG.warnf("A closed WebSocket still counts as a request in flight: %s", e);
        }
    }

    void drain(@Observes ShutdownDelayInitiatedEvent shuttingDown) {
        draining = true;
        List<HttpConnection> connections = List.copyOf(open);
        if (!connections.isEmpty()) {
            LOG.infof("Shutting down: closing %d WebSocket connection(s) of subscribers", connections.size());
        }
        connections.forEach(HttpConnection::close);
    }

    /** WebSocket connections open now. */
    int openConnections() {
        return open.size();
    }
}
