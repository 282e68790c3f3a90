package io.communique.http;

import static io.quarkus.jsonp.JsonProviderHolder.jsonProvider;

import graphql.language.OperationDefinition;
import io.communique.errors.ErrorCodes;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * /graphql as the GraphQL-over-HTTP spec defines it, in front of SmallRye's ExecutionService:
 * GET for queries and POST for everything, Accept negotiation between
 * application/graphql-response+json and application/json, request errors refused with 4xx and a
 * GraphQL-shaped body carrying {@code extensions.code}, and the status of an executed request
 * derived from its result. Extends SmallRye's abstract handler so that request context, security
 * identity and execution metadata are set up exactly as for SmallRye's own route.
 */
final class GraphQLHttpHandler extends SmallRyeGraphQLAbstractHandler {

    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";

    private static final Logger LOG = Logger.getLogger(GraphQLHttpHandler.class);

    private final long maxBodyBytes;

    GraphQLHttpHandler(long maxBodyBytes, boolean runBlocking, CurrentIdentityAssociation identities,
            CurrentVertxRequest currentVertxRequest) {
        super(identities, currentVertxRequest, runBlocking);
        this.maxBodyBytes = maxBodyBytes;
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
            if (!method.equals("GET") && !method.equals("POST")) {
                throw new RequestRejected(405, ErrorCodes.METHOD_NOT_ALLOWED,
                        "Method " + method + " is not allowed: use POST, or GET for queries.",
                        Map.of(HttpHeaders.ALLOW.toString(), ALLOWED_METHODS));
            }
            media = ResponseMediaType.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT))
                    .orElseThrow(() -> new RequestRejected(406, ErrorCodes.NOT_ACCEPTABLE,
                            "The Accept header admits no media type this endpoint produces: accept "
                                    + "application/graphql-response+json or application/json."));
            GraphQLRequest request = method.equals("GET") ? readGet(ctx) : readPost(ctx);
            execute(ctx, request, media);
        } catch (RequestRejected rejected) {
            reject(ctx, media, rejected);
        }
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
                    ResponseMediaType media = ResponseMediaType.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT))
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

    /** Route failure handler: renders the body handler's 413 as a GraphQL error, leaves the rest to Quarkus. */
    void handleFailure(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().ended()) {
            ResponseMediaType media = ResponseMediaType.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT))
                    .orElse(ResponseMediaType.JSON);
            reject(ctx, media, tooLarge());
        } else {
            ctx.next();
        }
    }

    private GraphQLRequest readGet(RoutingContext ctx) {
        GraphQLRequest request = GraphQLRequest.fromQueryParameters(ctx.queryParams());
        Optional<OperationDefinition.Operation> type = OperationTypes.selected(request.query(), request.operationName());
        if (type.isPresent() && type.get() != OperationDefinition.Operation.QUERY) {
            // Refused on the operation's type alone, before validation: GET must never change state.
            throw new RequestRejected(405, ErrorCodes.METHOD_NOT_ALLOWED,
                    "A " + type.get().name().toLowerCase(Locale.ROOT) + " cannot be sent with GET: use POST.",
                    Map.of(HttpHeaders.ALLOW.toString(), "POST"));
        }
        return request;
    }

    private GraphQLRequest readPost(RoutingContext ctx) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        // The route's body handler enforces the limit; this catches a body read earlier by another handler.
        if (body != null && body.length() > maxBodyBytes) {
            throw tooLarge();
        }
        GraphQLRequest request = GraphQLRequest.fromPost(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), body);
        if (OperationTypes.selected(request.query(), request.operationName())
                .filter(type -> type == OperationDefinition.Operation.SUBSCRIPTION).isPresent()) {
            // A stream of events has no single HTTP response; subscriptions are served over WebSocket.
            throw new RequestRejected(400, ErrorCodes.BAD_REQUEST, "A subscription needs a WebSocket: connect to this path"
                    + " with the graphql-transport-ws (or graphql-ws) subprotocol.", Map.of());
        }
        return request;
    }

    private RequestRejected tooLarge() {
        return new RequestRejected(413, ErrorCodes.PAYLOAD_TOO_LARGE,
                "The request body is larger than the limit of " + maxBodyBytes + " bytes.",
                // The unread rest of an oversized body would otherwise be taken as the next request.
                Map.of(HttpHeaders.CONNECTION.toString(), "close"));
    }

    private void execute(RoutingContext ctx, GraphQLRequest request, ResponseMediaType media) {
        getExecutionService().executeAsync(request.toJson(), getMetaData(ctx), new ExecutionResponseWriter() {
            @Override
            public void write(ExecutionResponse response) {
                // Without graphql-response+json a client cannot tell request errors by status, so the legacy
                // type always gets 200; with it, a result without data is a request error (parse, validation,
                // variable coercion, unknown operation) and gets 400.
                int status = media == ResponseMediaType.GRAPHQL_RESPONSE_JSON
                        && !response.getExecutionResult().isDataPresent() ? 400 : 200;
                send(ctx, status, media, response.getExecutionResultAsString(), Map.of());
            }

            @Override
            public void fail(Throwable failure) {
                ctx.fail(failure);
            }
        });
    }

    private static void reject(RoutingContext ctx, ResponseMediaType media, RequestRejected rejected) {
        String body = jsonProvider().createObjectBuilder()
                .add("errors", jsonProvider().createArrayBuilder()
                        .add(jsonProvider().createObjectBuilder()
                                .add("message", rejected.getMessage())
                                .add("extensions", jsonProvider().createObjectBuilder().add("code", rejected.code()))))
                .build().toString();
        if ("close".equals(rejected.headers().get(HttpHeaders.CONNECTION.toString()))) {
            ctx.addEndHandler(ignored -> ctx.request().connection().close());
        }
        send(ctx, rejected.status(), media, body, rejected.headers());
    }

    private static void send(RoutingContext ctx, int status, ResponseMediaType media, String body,
            Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            LOG.debugf("response to %s already ended; dropping a %d answer", ctx.normalizedPath(), status);
            return;
        }
        headers.forEach(response::putHeader);
        Buffer bytes = Buffer.buffer(body.getBytes(StandardCharsets.UTF_8));
        // Declared up front (Vert.x would only add it after the headers-end handlers ran) so that
        // ops/GraphQLCompression can leave small bodies uncompressed.
        response.putHeader(HttpHeaders.CONTENT_TYPE, media.contentType())
                .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(bytes.length()))
                .putHeader("Vary", "Accept")
                .setStatusCode(status)
                .end(bytes);
    }
}
