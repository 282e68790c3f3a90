package io.communique.http;

import static io.quarkus.jsonp.JsonProviderHolder.jsonProvider;

import graphql.ExecutionResult;
import graphql.language.OperationDefinition;
import io.communique.apq.PersistedQuery;
import io.communique.apq.PersistedQueryException;
import io.communique.apq.PersistedQueryStore;
import io.communique.cache.ResponseCache;
import io.communique.engine.OperationTypes;
import io.communique.errors.ErrorCodes;
import io.communique.limits.ClientBudgets;
import io.communique.ops.CorrelationIds;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * /graphql as the GraphQL-over-HTTP spec defines it, in front of SmallRye's ExecutionService:
 * GET for queries and POST for everything, Accept negotiation between
 * application/graphql-response+json and application/json, request errors refused with 4xx and a
 * GraphQL-shaped body carrying {@code extensions.code}, and the status of an executed request
 * derived from its result. Extends SmallRye's abstract handler so that request context, security
 * identity and execution metadata are set up exactly as for SmallRye's own route. A request may
 * name its document by hash (automatic persisted queries, io.communique.apq), and a GET's answer
 * carries caching headers ({@link HttpCaching}).
 */
final class GraphQLHttpHandler extends SmallRyeGraphQLAbstractHandler {

    static final String ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS";
    private static final String SUBSCRIPTION_TRANSPORT =
            "connect to this path with the graphql-transport-ws (or graphql-ws) subprotocol.";

    /** How much of a refused body is read away before its connection closes (see closeAfterDrain). */
    private static final long MAX_DRAIN_BYTES = 8L * 1024 * 1024;
    private static final long MAX_DRAIN_MILLIS = 2000;
    /**
     * How long a request waits for the same query's answer that another request is making before it runs its
     * own: a hundred times what an execution normally takes, so that only a leader held up (a lock wait, up to
     * the statement timeout) or one that never answers costs its followers this much.
     */
    private static final long FOLLOW_PATIENCE_MS = 5000;

    private static final Logger LOG = Logger.getLogger(GraphQLHttpHandler.class);

    /** The client's budget, its points left, and when (UTC epoch seconds) it is full again, as GitHub's API names them. */
    static final String RATE_LIMIT_LIMIT = "X-RateLimit-Limit";
    static final String RATE_LIMIT_REMAINING = "X-RateLimit-Remaining";
    static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";

    private final long maxBodyBytes;
    private final int maxJsonDepth;
    private final PersistedQueryStore persistedQueries;
    private final HttpCaching caching;
    private final ResponseCache responses;
    private final ClientBudgets budgets;

    GraphQLHttpHandler(long maxBodyBytes, int maxJsonDepth, CurrentIdentityAssociation identities,
            CurrentVertxRequest currentVertxRequest, PersistedQueryStore persistedQueries, HttpCaching caching,
            ResponseCache responses, ClientBudgets budgets) {
        // Runs on the event loop; NormalizingExecutionService moves the execution to a worker and sets runBlocking.
        super(identities, currentVertxRequest, false);
        this.maxBodyBytes = maxBodyBytes;
        this.maxJsonDepth = maxJsonDepth;
        this.persistedQueries = persistedQueries;
        this.caching = caching;
        this.responses = responses;
        this.budgets = budgets;
    }

    @Override
    protected void doHandle(RoutingContext ctx) {
        ResponseMediaType media = ResponseMediaType.JSON;
        try {
            String method = ctx.request().method().name();
            if (method.equals("OPTIONS")) {
                ctx.response().putHeader(HttpHeaders.ALLOW, ALLOWED_METHODS).setStatusCode(204).end();
                return;
            }
            if (!readOnly(method) && !method.equals("POST")) {
                throw new RequestRejected(405, ErrorCodes.METHOD_NOT_ALLOWED,
                        "Method " + method + " is not allowed: use POST, or GET for queries.",
                        Map.of(HttpHeaders.ALLOW.toString(), ALLOWED_METHODS));
            }
            media = ResponseMediaType.negotiate(ListHeaders.joined(ctx.request(), HttpHeaders.ACCEPT))
                    .orElseThrow(() -> new RequestRejected(406, ErrorCodes.NOT_ACCEPTABLE,
                            "The Accept header admits no media type this endpoint produces: accept "
                                    + "application/graphql-response+json or application/json."));
            GraphQLRequest request = readOnly(method)
                    ? GraphQLRequest.fromQueryParameters(ctx.queryParams(), maxJsonDepth)
                    : readPost(ctx);
            Optional<PersistedQuery> persisted = persistedQuery(request, media);
            if (persisted.isEmpty()) {
                run(ctx, request, media, null);
            } else if (request.query() != null) {
                // Verified text: registered once it has run, even if this instance holds it in memory: a client
                // resends the text after another instance found the hash missing from the shared table.
                run(ctx, request, media, persisted.get().sha256Hash());
            } else {
                runPersisted(ctx, request, persisted.get().sha256Hash(), media);
            }
        } catch (RequestRejected rejected) {
            reject(ctx, media, rejected);
        } catch (RuntimeException e) {
            ctx.fail(e); // handleFailure answers it in this endpoint's shape
        }
    }

    /** The request's persisted-query extension, its hash checked against the text when both are sent. */
    private static Optional<PersistedQuery> persistedQuery(GraphQLRequest request, ResponseMediaType media) {
        try {
            Optional<PersistedQuery> persisted = PersistedQuery.of(request.extensions());
            if (persisted.isPresent() && request.query() != null) {
                persisted.get().verify(request.query());
            }
            return persisted;
        } catch (PersistedQueryException e) {
            throw rejected(e, media);
        }
    }

    /**
     * Runs the document a hash stands for. From memory at once; else the table is read on a worker
     * (the event loop must not wait on JDBC) and the request continues in its own request context,
     * which SmallRye's handler deactivated when doHandle returned and terminates when the response ends.
     */
    private void runPersisted(RoutingContext ctx, GraphQLRequest request, String hash, ResponseMediaType media) {
        Optional<String> cached = persistedQueries.lookUpInMemory(hash);
        if (cached.isPresent() || !Context.isOnEventLoopThread()) {
            String document = cached.or(() -> persistedQueries.load(hash))
                    .orElseThrow(() -> rejected(PersistedQueryException.notFound(), media));
            run(ctx, request.withQuery(document), media, null);
            return;
        }
        Resumption later = new Resumption(ctx, media);
        ctx.vertx().executeBlocking(() -> persistedQueries.load(hash), false).onComplete(loaded -> later.resume(() -> {
            String document = loaded.succeeded() ? loaded.result().orElse(null) : null;
            if (document == null) {
                throw rejected(PersistedQueryException.notFound(), media);
            }
            run(ctx, request.withQuery(document), media, null);
        }));
    }

    /**
     * A request continued after doHandle returned (from a callback), in its own request context, which
     * SmallRye's handler deactivated when doHandle returned and terminates when the response ends. Made
     * while the request is still being handled; failures answer in this endpoint's shape, since nothing
     * above the callback would see them.
     */
    private final class Resumption {
        private final RoutingContext ctx;
        private final ResponseMediaType media;
        private final ManagedContext requestContext = Arc.container().requestContext();
        private final InjectableContext.ContextState state = requestContext.getState();

        Resumption(RoutingContext ctx, ResponseMediaType media) {
            this.ctx = ctx;
            this.media = media;
        }

        void resume(Runnable step) {
            if (!state.isValid()) {
                return; // the client went away meanwhile
            }
            requestContext.activate(state);
            try {
                step.run();
            } catch (RequestRejected rejected) {
                reject(ctx, media, rejected);
            } catch (RuntimeException e) {
                ctx.fail(e);
            } finally {
                requestContext.deactivate();
            }
        }
    }

    /**
     * GET, and HEAD, which is a GET whose answer has no body (RFC 9110, 9.3.2: every resource that
     * answers GET answers HEAD): the query runs, and the status and headers are the GET's, Content-Length
     * and ETag included; Vert.x leaves the body out.
     */
    private static boolean readOnly(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /**
     * A persisted-query error in this endpoint's shape. Not found is not the client's fault: like the
     * engine's request errors it is 200 under application/json and 400 under graphql-response+json
     * (Apollo's link reads the code from either); a malformed extension or a wrong hash is 400.
     */
    private static RequestRejected rejected(PersistedQueryException e, ResponseMediaType media) {
        int status = e.isNotFound() && media == ResponseMediaType.JSON ? 200 : 400;
        return new RequestRejected(status, e.code(), e.getMessage());
    }

    private void run(RoutingContext ctx, GraphQLRequest request, ResponseMediaType media, String registerAs) {
        String method = ctx.request().method().name();
        if (readOnly(method)) {
            refuseUnlessQuery(request, method);
        } else {
            refuseSubscription(request);
        }
        execute(ctx, request, media, registerAs);
    }

    /**
     * Runs before Quarkus's server-wide upload limit, which answers an empty 413: a declared length
     * over this endpoint's limit gets the GraphQL-shaped 413 however large it is.
     */
    void rejectDeclaredOversize(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    ResponseMediaType media = ResponseMediaType.negotiate(ListHeaders.joined(ctx.request(), HttpHeaders.ACCEPT))
                            .orElse(ResponseMediaType.JSON);
                    reject(ctx, media, tooLarge());
                    return;
                }
            } catch (NumberFormatException e) {
                // A malformed Content-Length is the HTTP codec's and the body handler's to refuse.
            }
        }
        ctx.next();
    }

    /**
     * Route failure handler. The body handler's 413 becomes this endpoint's 413; any other failure (a fault
     * of this handler, not of a resolver: those are GraphQL errors already) becomes an INTERNAL error with
     * the request's correlation id, logged once, instead of Quarkus's error page with its stack trace.
     */
    void handleFailure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        ResponseMediaType media = ResponseMediaType.negotiate(ListHeaders.joined(ctx.request(), HttpHeaders.ACCEPT))
                .orElse(ResponseMediaType.JSON);
        if (ctx.statusCode() == 413) {
            reject(ctx, media, tooLarge());
            return;
        }
        if (causedBy(ctx.failure(), AuthenticationFailedException.class)) {
            // The caller's fault, not the server's: Quarkus's authentication refused the bearer token.
            reject(ctx, media, invalidToken(ctx.failure()));
            return;
        }
        String id = Optional.ofNullable(CorrelationIds.current())
                .orElse(ctx.response().headers().get(CorrelationIds.REQUEST_ID));
        LOG.errorf(ctx.failure(), "Internal server error [correlationId=%s] handling %s %s", id, ctx.request().method(),
                ctx.normalizedPath());
        reject(ctx, media, new RequestRejected(500, ErrorCodes.INTERNAL,
                "Internal server error. Quote the correlation id " + id + " when reporting it.", Map.of()), id);
    }

    /**
     * A bearer token that does not verify (RFC 6750 {@code invalid_token}): 401 and {@code UNAUTHENTICATED},
     * on every request that carries one, reads and WebSocket upgrades included, as GitHub answers "Bad
     * credentials". A token is a claim about who calls; one that does not hold is not ignored.
     */
    private static RequestRejected invalidToken(Throwable failure) {
        boolean expired = causes(failure).anyMatch(cause -> cause instanceof InvalidJwtException jwt && jwt.hasExpired());
        return new RequestRejected(401, ErrorCodes.UNAUTHENTICATED, expired
                ? "The bearer token has expired: get a new one."
                : "The bearer token does not verify: it is malformed, or not signed by the trusted issuer's key.",
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return causes(failure).anyMatch(type::isInstance);
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, cause -> cause != null, Throwable::getCause).limit(16);
    }

    /** A GET's (or HEAD's) operation must be a query, whether its document came as text or by hash. */
    private static void refuseUnlessQuery(GraphQLRequest request, String method) {
        Optional<OperationDefinition.Operation> type = OperationTypes.selected(request.query(), request.operationName());
        if (type.isPresent() && type.get() != OperationDefinition.Operation.QUERY) {
            // Refused on the operation's type alone, before validation: GET must never change state.
            // POST is no way to a subscription (it is refused there too): point at the WebSocket instead.
            String instead = type.get() == OperationDefinition.Operation.SUBSCRIPTION ? SUBSCRIPTION_TRANSPORT : "use POST.";
            throw new RequestRejected(405, ErrorCodes.METHOD_NOT_ALLOWED,
                    "A " + type.get().name().toLowerCase(Locale.ROOT) + " cannot be sent with " + method + ": " + instead,
                    Map.of(HttpHeaders.ALLOW.toString(), "POST"));
        }
    }

    private GraphQLRequest readPost(RoutingContext ctx) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        // The route's body handler enforces the limit; this catches a body read earlier by another handler.
        if (body != null && body.length() > maxBodyBytes) {
            throw tooLarge();
        }
        return GraphQLRequest.fromPost(ListHeaders.joined(ctx.request(), HttpHeaders.CONTENT_TYPE),
                ListHeaders.joined(ctx.request(), HttpHeaders.CONTENT_ENCODING), body, maxJsonDepth);
    }

    /**
     * A stream of events has no single HTTP response: subscriptions are served over WebSocket. Checked
     * once the document is known (sent as text or named by hash); a document without the keyword cannot
     * hold a subscription, so most requests are not parsed twice.
     */
    private static void refuseSubscription(GraphQLRequest request) {
        if (request.query() != null && request.query().contains("subscription")
                && OperationTypes.selected(request.query(), request.operationName())
                        .filter(type -> type == OperationDefinition.Operation.SUBSCRIPTION).isPresent()) {
            throw new RequestRejected(400, ErrorCodes.BAD_REQUEST, "A subscription needs a WebSocket: " + SUBSCRIPTION_TRANSPORT,
                    Map.of());
        }
    }

    private RequestRejected tooLarge() {
        return new RequestRejected(413, ErrorCodes.PAYLOAD_TOO_LARGE,
                "The request body is larger than the limit of " + maxBodyBytes + " bytes.",
                // The unread rest of an oversized body would otherwise be taken as the next request.
                Map.of(HttpHeaders.CONNECTION.toString(), "close"));
    }

    /**
     * Runs the request; {@code registerAs}, when set, is the verified hash to store its document under. An
     * anonymous request is first admitted by the {@link ResponseCache}, unless it says {@code no-cache}
     * ({@link CacheDirectives}): a stored answer is sent as the execution's would be, with no execution, and
     * a request for an answer another request is making waits for that one ({@link Follower}).
     */
    private void execute(RoutingContext ctx, GraphQLRequest request, ResponseMediaType media, String registerAs) {
        ResponseCache.Ticket ticket = null;
        if (registerAs == null && responses.enabled() && request.query() != null
                && ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            var key = new ResponseCache.Key(request.query(), request.operationName(),
                    request.variables() == null ? null : request.variables().toString());
            CacheDirectives directives = CacheDirectives.of(ctx.request());
            if (directives.noCache()) {
                ticket = directives.noStore() ? null : responses.ticket(key).orElse(null);
            } else {
                Follower follower = new Follower(ctx, request, media);
                ResponseCache.Admission admission = responses.admit(key, !directives.noStore(), follower);
                if (admission.stored() != null) {
                    send(ctx, 200, media, admission.stored(), Map.of(), true);
                    return;
                }
                if (admission.joined()) {
                    follower.waitAtMost(FOLLOW_PATIENCE_MS);
                    return;
                }
                ticket = admission.ticket();
            }
        }
        executeUncached(ctx, request, media, registerAs, ticket);
    }

    private void executeUncached(RoutingContext ctx, GraphQLRequest request, ResponseMediaType media, String registerAs,
            ResponseCache.Ticket ticket) {
        ExecutionLifetime lifetime;
        try {
            lifetime = ExecutionLifetime.begin(ctx.response());
        } catch (RuntimeException e) {
            release(ticket);
            throw e;
        }
        try {
            executeAsync(ctx, request, media, registerAs, lifetime, ticket);
        } catch (RuntimeException e) {
            release(ticket);
            lifetime.finished();
            throw e;
        }
    }

    private void release(ResponseCache.Ticket ticket) {
        if (ticket != null) {
            responses.release(ticket);
        }
    }

    /**
     * A request waiting for the answer another request is making. Called once, on the leader's thread, with
     * that answer when it was stored, or with null; then sends it, or runs its own execution, on its own
     * Vert.x context and request context ({@link Resumption}). Should no answer come within the patience, it
     * runs its own execution then: a leader that never lands holds nobody up for ever.
     */
    private final class Follower implements Consumer<ResponseCache.Answer> {
        private final RoutingContext ctx;
        private final GraphQLRequest request;
        private final ResponseMediaType media;
        private final Context context = Vertx.currentContext();
        private final Resumption later;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile long timer = -1;

        Follower(RoutingContext ctx, GraphQLRequest request, ResponseMediaType media) {
            this.ctx = ctx;
            this.request = request;
            this.media = media;
            this.later = new Resumption(ctx, media);
        }

        void waitAtMost(long millis) {
            timer = ctx.vertx().setTimer(millis, ignored -> accept(null));
            if (settled.get()) {
                ctx.vertx().cancelTimer(timer); // the answer came before the timer was set
            }
        }

        @Override
        public void accept(ResponseCache.Answer stored) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            if (timer >= 0) {
                ctx.vertx().cancelTimer(timer);
            }
            context.runOnContext(ignored -> {
                if (stored != null) {
                    send(ctx, 200, media, stored, Map.of(), true);
                } else {
                    later.resume(() -> executeUncached(ctx, request, media, null, null));
                }
            });
        }
    }

    private void executeAsync(RoutingContext ctx, GraphQLRequest request, ResponseMediaType media, String registerAs,
            ExecutionLifetime lifetime, ResponseCache.Ticket ticket) {
        Map<String, Object> metaData = getMetaData(ctx);
        if (ticket != null) {
            metaData.put(ResponseCache.TICKET, ticket); // ResponseCachePolicy marks it if the operation may be stored
        }
        if (budgets.enabled()) {
            metaData.put(ClientBudgets.CLIENT, ClientKeys.of(ctx)); // QueryGuard charges it
        }
        getExecutionService().executeAsync(request.toJson(), metaData, new ExecutionResponseWriter() {
            @Override
            public void write(ExecutionResponse response) {
                if (!lifetime.finished()) {
                    release(ticket);
                    return; // nobody to answer
                }
                ExecutionResult result = response.getExecutionResult();
                // Without graphql-response+json a client cannot tell request errors by status, so the legacy
                // type always gets 200; with it, a result without data is a request error (parse, validation,
                // variable coercion, unknown operation) and gets 400.
                int status = media == ResponseMediaType.GRAPHQL_RESPONSE_JSON && !result.isDataPresent() ? 400 : 200;
                Map<String, String> headers = Map.of();
                // Refused for its client's budget, under either media type: HTTP's own way of saying "later".
                var retryAfter = ClientKeys.retryAfter(result);
                if (retryAfter.isPresent()) {
                    status = 429;
                    headers = Map.of(HttpHeaders.RETRY_AFTER.toString(), Long.toString(retryAfter.getAsLong()));
                }
                boolean cacheable = status == 200 && result.getErrors().isEmpty();
                var answer = new ResponseCache.Answer(ResponseJson.bytes(response));
                if (ticket != null) {
                    if (cacheable) {
                        responses.offer(ticket, answer);
                    } else {
                        responses.release(ticket);
                    }
                }
                // Data present means the document parsed, validated, passed the limits and its variables
                // coerced: only then is it worth storing. Stored before answering, so that the client's next
                // request by hash finds it on any instance.
                int sent = status;
                Map<String, String> sentHeaders = headers;
                if (registerAs != null && result.isDataPresent()) {
                    ctx.vertx().executeBlocking(() -> {
                        persistedQueries.save(registerAs, request.query());
                        return null;
                    }, false).onComplete(ignored -> send(ctx, sent, media, answer, sentHeaders, cacheable));
                } else {
                    send(ctx, sent, media, answer, sentHeaders, cacheable);
                }
            }

            @Override
            public void fail(Throwable failure) {
                release(ticket);
                if (lifetime.finished()) {
                    ctx.fail(failure);
                } else {
                    LOG.errorf(failure, "Execution of a request whose client has gone failed (%s %s)",
                            ctx.request().method(), ctx.normalizedPath());
                }
            }
        });
    }

    private void reject(RoutingContext ctx, ResponseMediaType media, RequestRejected rejected) {
        reject(ctx, media, rejected, null);
    }

    private void reject(RoutingContext ctx, ResponseMediaType media, RequestRejected rejected, String correlationId) {
        var extensions = jsonProvider().createObjectBuilder().add("code", rejected.code());
        if (correlationId != null) {
            extensions.add("correlationId", correlationId);
        }
        String body = jsonProvider().createObjectBuilder()
                .add("errors", jsonProvider().createArrayBuilder()
                        .add(jsonProvider().createObjectBuilder()
                                .add("message", rejected.getMessage())
                                .add("extensions", extensions)))
                .build().toString();
        if ("close".equals(rejected.headers().get(HttpHeaders.CONNECTION.toString()))) {
            ctx.addEndHandler(ignored -> closeAfterDrain(ctx));
        }
        send(ctx, rejected.status(), media, body, rejected.headers(), false);
    }

    /**
     * Closes the connection of a refused oversized request. Closing while the client is still sending makes
     * the kernel reset the connection, and a reset can destroy the 413 before the client has read it; so a
     * body still arriving is read and dropped first, for a bounded time and size (larger ones are cut off).
     */
    private static void closeAfterDrain(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean modest = declared == null || declared.trim().matches("\\d{1,9}") && Long.parseLong(declared.trim()) <= MAX_DRAIN_BYTES;
        if (request.isEnded() || !modest) {
            connection.close();
            return;
        }
        long timer = ctx.vertx().setTimer(MAX_DRAIN_MILLIS, ignored -> connection.close());
        long[] drained = {0};
        try {
            request.handler(chunk -> {
                drained[0] += chunk.length();
                if (drained[0] > MAX_DRAIN_BYTES) {
                    connection.close();
                }
            });
            request.endHandler(ignored -> {
                ctx.vertx().cancelTimer(timer);
                connection.close();
            });
            request.resume();
        } catch (IllegalStateException alreadyRead) {
            ctx.vertx().cancelTimer(timer);
            connection.close();
        }
    }

    /** {@code cacheable}: an executed request answered with 200 and no error; on a GET it gets an ETag. */
    private void send(RoutingContext ctx, int status, ResponseMediaType media, String body,
            Map<String, String> headers, boolean cacheable) {
        send(ctx, status, media, new ResponseCache.Answer(body.getBytes(StandardCharsets.UTF_8)), headers, cacheable);
    }

    /** {@code answer}: the body, with the ETag it was given before if it is a stored answer sent again. */
    private void send(RoutingContext ctx, int status, ResponseMediaType media, ResponseCache.Answer answer,
            Map<String, String> headers, boolean cacheable) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            LOG.debugf("response to %s already ended; dropping a %d answer", ctx.normalizedPath(), status);
            return;
        }
        headers.forEach(response::putHeader);
        HttpCaching.vary(response.headers());
        boolean reusable = cacheable && readOnly(ctx.request().method().name());
        if (budgets.enabled() && !(reusable && ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null)) {
            // Not on an anonymous GET's answer, which shared caches may keep and give to other clients.
            ClientBudgets.Standing standing = budgets.standing(ClientKeys.of(ctx));
            response.putHeader(RATE_LIMIT_LIMIT, Long.toString(standing.maximum()))
                    .putHeader(RATE_LIMIT_REMAINING, Long.toString(standing.available()))
                    .putHeader(RATE_LIMIT_RESET, Long.toString(System.currentTimeMillis() / 1000 + standing.fullAfterSeconds()));
        }
        if (reusable) {
            String etag = HttpCaching.forMediaType(answer.validator(HttpCaching::etag), media);
            response.putHeader(HttpHeaders.ETAG, etag)
                    .putHeader(HttpHeaders.CACHE_CONTROL, caching.successfulGet(ctx.request()));
            if (HttpCaching.notModified(ListHeaders.joined(ctx.request(), HttpHeaders.IF_NONE_MATCH), etag)) {
                response.setStatusCode(304).end();
                return;
            }
        } else {
            response.putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.notStorable(ctx.request()));
        }
        // Declared up front (Vert.x would only add it after the headers-end handlers ran) so that
        // ops/GraphQLCompression can leave small bodies uncompressed.
        response.putHeader(HttpHeaders.CONTENT_TYPE, media.contentType())
                .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(answer.body().length))
                .setStatusCode(status)
                .end(Buffer.buffer(answer.body()));
    }
}
