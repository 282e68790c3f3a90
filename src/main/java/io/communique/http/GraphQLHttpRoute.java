package io.communique.http;

import io.communique.apq.PersistedQueryStore;
import io.communique.cache.ResponseCache;
import io.communique.limits.ClientBudgets;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts {@link GraphQLHttpHandler} on the GraphQL path ahead of SmallRye's own route, which then
 * never sees a request: SmallRye 2.17's HTTP layer runs mutations over GET (when GET is on),
 * drops {@code operationName} from GETs, answers request errors with 200 and accepts non-JSON
 * bodies. Order -1 runs after Quarkus's filters (CORS, security, the global upload limit at -2)
 * and the WebSocket routes, and before every route registered without an order. WebSocket upgrades
 * go to {@link GraphQLWebSocketHandler}, ahead of Quarkus's WebSocket route. A check of
 * the declared body length runs just before Quarkus's global upload limit, whose 413 has no body.
 * {@code GET /graphql/schema.graphql} goes to {@link SchemaDocumentHandler}, ahead of SmallRye's printer.
 */
@ApplicationScoped
public class GraphQLHttpRoute {

    static final int ORDER = -1;
    /**
     * Upgrades to GraphQL over WebSocket: after SubscriptionDrain (-101), which must see every upgrade,
     * and before Quarkus's own WebSocket route (-99 in Quarkus 3.33), which then sees none.
     */
    static final int WEBSOCKET_ORDER = -100;

    private final String path;
    private final long maxBodyBytes;
    private final int maxJsonDepth;
    private final PersistedQueryStore persistedQueries;
    private final ResponseCache responses;
    private final ClientBudgets budgets;
    private final long cacheMaxAgeSeconds;
    private final Optional<String> initPayloadAuthorization;
    private final Duration webSocketInitTimeout;
    private final int webSocketMaxOperations;
    private final long webSocketMaxPendingBytes;

    public GraphQLHttpRoute(
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String path,
            @ConfigProperty(name = "communique.graphql.max-body-size", defaultValue = "256K") MemorySize maxBodySize,
            @ConfigProperty(name = "communique.graphql.max-json-depth", defaultValue = "64") int maxJsonDepth,
            @ConfigProperty(name = "communique.http.cache.max-age", defaultValue = "60") long cacheMaxAgeSeconds,
            @ConfigProperty(name = "quarkus.smallrye-graphql.authorization-client-init-payload-name")
            Optional<String> initPayloadAuthorization,
            @ConfigProperty(name = "communique.graphql.websocket-init-timeout", defaultValue = "3s") Duration webSocketInitTimeout,
            @ConfigProperty(name = "communique.graphql.websocket-max-operations", defaultValue = "50") int webSocketMaxOperations,
            @ConfigProperty(name = "communique.graphql.websocket-max-pending", defaultValue = "1M") MemorySize webSocketMaxPending,
            PersistedQueryStore persistedQueries, ResponseCache responses, ClientBudgets budgets) {
        this.path = path.startsWith("/") ? path : "/" + path;
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.maxJsonDepth = maxJsonDepth;
        this.cacheMaxAgeSeconds = cacheMaxAgeSeconds;
        this.persistedQueries = persistedQueries;
        this.responses = responses;
        this.budgets = budgets;
        this.initPayloadAuthorization = initPayloadAuthorization;
        this.webSocketInitTimeout = webSocketInitTimeout;
        this.webSocketMaxOperations = webSocketMaxOperations;
        this.webSocketMaxPendingBytes = webSocketMaxPending.asLongValue();
    }

    void install(@Observes Router router) {
        InstanceHandle<CurrentIdentityAssociation> identities = Arc.container().instance(CurrentIdentityAssociation.class);
        CurrentIdentityAssociation identity = identities.isAvailable() ? identities.get() : null;
        CurrentVertxRequest currentRequest = Arc.container().instance(CurrentVertxRequest.class).get();
        router.route(path).order(WEBSOCKET_ORDER).handler(
                new GraphQLWebSocketHandler(identity, currentRequest, maxJsonDepth, webSocketInitTimeout,
                        initPayloadAuthorization, webSocketMaxOperations, webSocketMaxPendingBytes, maxBodyBytes, budgets));
        GraphQLHttpHandler handler = new GraphQLHttpHandler(maxBodyBytes, maxJsonDepth, identity, currentRequest,
                persistedQueries, new HttpCaching(cacheMaxAgeSeconds), responses, budgets);
        router.get(path + "/schema.graphql").order(ORDER).handler(new SchemaDocumentHandler());
        router.route(path).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(handler::rejectDeclaredOversize);
        // On the event loop, so that the response's close handler is set before the connection can close
        // (ExecutionLifetime); the execution itself moves to a worker (NormalizingExecutionService).
        // Not blockingHandler: its ordered dispatch shares one queue per event loop, as Quarkus's fetchers did.
        router.route(path).order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes).setDeleteUploadedFilesOnEnd(true))
                .handler(handler)
                .failureHandler(handler::handleFailure);
    }
}
