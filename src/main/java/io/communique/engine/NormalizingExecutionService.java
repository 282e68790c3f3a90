package io.communique.engine;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.language.OperationDefinition;
import io.communique.errors.ErrorMapper;
import io.communique.limits.LimitsConfig;
import io.communique.limits.QueryGuard;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.schema.model.Schema;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * SmallRye's execution service with one addition: every response passes through
 * {@link ErrorMapper} on its way to the transport (HTTP, GET or POST, or WebSocket alike), so every
 * error carries a documented code and every response its cost.
 *
 * <p>graphql-java's instrumentation cannot do this alone: SmallRye parses the document itself
 * before graphql-java sees it and answers a syntax error (or a missing query) with a bare error
 * of its own, and Quarkus turns an aborted execution into an empty HTTP 500.
 *
 * <p>It also decides where and when an execution runs. Every query and mutation runs on a worker thread of
 * its own, taken from the worker pool without any queue in front (an unordered {@code executeBlocking}),
 * once the {@link ExecutionGate} lets it in (a few at once, in arrival order, and none held up for long by
 * one that waits on the database), and its resolvers and batch loaders run inline there, one after another (SmallRye's
 * {@code runBlocking} metadata). Until 2026-12 graphql-java ran on the event loop and Quarkus handed
 * each resolver and batch loader to a worker through an ordered {@code executeBlocking}, whose queue a
 * request's duplicated context shares with its event loop: every request on one event loop waited
 * behind any other's database work, and a mutation waiting 10 s for a row lock held up every request
 * that happened to share its event loop for those 10 s (BlockedRequestTest). One request's fields
 * still never run at once, so its Hibernate session, which is not thread-safe, is only ever used from
 * one thread at a time; a transport whose executions would share one session (a WebSocket's) gives
 * each a request of its own ({@link RequestPerExecution}).
 *
 * <p>A subscription starts where it arrived, on its socket's event loop, and its fetchers hand their
 * work to workers as before: its events are resolved later on that event loop (SubscriptionApi),
 * where nothing may run JDBC inline.
 */
public class NormalizingExecutionService extends ExecutionService {

    /** SmallRye's metadata key (Quarkus's fetchers read it): true runs resolvers on the calling thread. */
    static final String RUN_BLOCKING = "runBlocking";

    private final ErrorMapper mapper;
    private final QueryGuard guard;
    private final LimitsConfig limits;
    private volatile ExecutionGate gate;

    public NormalizingExecutionService(graphql.schema.GraphQLSchema graphQLSchema, Schema schema, ErrorMapper mapper,
            QueryGuard guard, LimitsConfig limits) {
        // SmallRye's own DataLoaders are replaced by BatchLoaders' (see there).
        super(graphQLSchema, BatchLoaders.withoutBatchOperations(schema));
        this.mapper = mapper;
        this.guard = guard;
        this.limits = limits;
    }

    @Override
    public void execute(JsonObject request, Map<String, Object> metaData, ExecutionResponseWriter writer, boolean async) {
        JsonObject input = withSpecLineBreaks(request);
        Writer normalizing = new Writer(writer, string(input, "query"), string(input, "operationName"),
                SocketSubscriptions.of(metaData));
        if (isSubscription(input)) {
            super.execute(input, metaData, normalizing, async);
            return;
        }
        // A copy: a socket's map is shared by its operations, and SmallRye adds each execution's own context to it.
        Map<String, Object> own = new ConcurrentHashMap<>(metaData);
        own.put(RUN_BLOCKING, Boolean.TRUE);
        RequestPerExecution requests = metaData.get(RequestPerExecution.KEY) instanceof RequestPerExecution r ? r : null;
        Context caller = Vertx.currentContext();
        if (caller == null || requests == null && !Context.isOnEventLoopThread()) {
            super.execute(input, own, normalizing, async); // already on a thread that may block
            return;
        }
        // An HTTP request keeps its duplicated context (its request context, correlation id, hang-up handling);
        // an operation that needs a request of its own gets a context of its own to hold it.
        Context context = requests == null ? caller : VertxContext.createNewDuplicatedContext(caller);
        gate(caller.owner()).enter(place -> context.executeBlocking(() -> {
            Runnable end;
            try {
                Runnable ownRequest = requests == null ? () -> {
                } : requests.begin(own);
                end = () -> {
                    place.giveUp();
                    ownRequest.run();
                };
            } catch (RuntimeException e) {
                place.giveUp();
                normalizing.fail(e);
                return null;
            }
            super.execute(input, own, new Ending(normalizing, end), async);
            return null;
        }, false).onFailure(failure -> { // not run at all: the worker pool refused it (shutting down)
            place.giveUp();
            normalizing.fail(failure);
        }));
    }

    private ExecutionGate gate(Vertx vertx) {
        ExecutionGate current = gate;
        if (current == null) {
            synchronized (this) {
                if (gate == null) {
                    gate = new ExecutionGate(vertx, limits.maxRunningExecutions(), limits.executionPatience().toMillis());
                }
                current = gate;
            }
        }
        return current;
    }

    /**
     * The request with each carriage return that stands alone in its document read as a line feed. The
     * GraphQL spec ends a line at {@code \r}, {@code \n} or {@code \r\n}; graphql-java's lexer counts
     * only {@code \n}, so a document written with {@code \r} alone had every error located on line 1. Where
     * else a lone {@code \r} may stand, the spec reads it as a line break too (in a block string) or
     * refuses it (in a string), so the document means what it meant.
     */
    static JsonObject withSpecLineBreaks(JsonObject input) {
        String query = string(input, "query");
        if (query == null || query.indexOf('\r') < 0) {
            return input;
        }
        StringBuilder lines = new StringBuilder(query.length());
        boolean changed = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '\r' && (i + 1 == query.length() || query.charAt(i + 1) != '\n')) {
                lines.append('\n');
                changed = true;
            } else {
                lines.append(c);
            }
        }
        return changed ? Json.createObjectBuilder(input).add("query", lines.toString()).build() : input;
    }

    private static String string(JsonObject input, String member) {
        JsonValue value = input == null ? null : input.get(member);
        return value instanceof JsonString s ? s.getString() : null;
    }

    /** Only a document that names the keyword can hold a subscription, so most are not parsed here. */
    private static boolean isSubscription(JsonObject input) {
        String query = string(input, "query");
        if (query == null || !query.contains("subscription")) {
            return false;
        }
        String operationName = string(input, "operationName");
        return OperationTypes.selected(query, operationName).filter(type -> type == OperationDefinition.Operation.SUBSCRIPTION)
                .isPresent();
    }

    /** Ends an execution's own request once its answer has been written. */
    private record Ending(ExecutionResponseWriter delegate, Runnable end) implements ExecutionResponseWriter {
        @Override
        public void write(ExecutionResponse response) {
            try {
                delegate.write(response);
            } finally {
                end.run();
            }
        }

        @Override
        public void fail(Throwable failure) {
            try {
                delegate.fail(failure);
            } finally {
                end.run();
            }
        }
    }

    private final class Writer implements ExecutionResponseWriter {
        private final ExecutionResponseWriter delegate;
        private final String query;
        private final String operationName;
        private final SocketSubscriptions socket;

        Writer(ExecutionResponseWriter delegate, String query, String operationName, SocketSubscriptions socket) {
            this.delegate = delegate;
            this.query = query;
            this.operationName = operationName;
            this.socket = socket;
        }

        @Override
        public void write(ExecutionResponse response) {
            delegate.write(new ExecutionResponse(normalize(response.getExecutionResult())));
        }

        @Override
        public void fail(Throwable failure) {
            ExecutionResult result = ExecutionResultImpl.newExecutionResult().addError(mapper.internal(failure)).build();
            delegate.write(new ExecutionResponse(withCost(result)));
        }

        private ExecutionResult normalize(ExecutionResult result) {
            ExecutionResult normalized = withCost(mapErrors(result));
            if (normalized.getData() instanceof Publisher<?> events) {
                // A subscription: each event is a result of its own, with errors of its own to map.
                @SuppressWarnings("unchecked")
                Publisher<ExecutionResult> stream = (Publisher<ExecutionResult>) events;
                Publisher<ExecutionResult> mapped = new MappedPublisher(stream, this::mapErrors, socket);
                return normalized.transform(b -> b.data(mapped));
            }
            return normalized;
        }

        private ExecutionResult mapErrors(ExecutionResult result) {
            if (result.getErrors().isEmpty()) {
                return result;
            }
            var request = new ErrorMapper.Request(query, operationName, result.isDataPresent(), limits.statementTimeout(),
                    limits.lockTimeout());
            List<GraphQLError> errors = mapper.map(result.getErrors(), request);
            return result.transform(b -> b.errors(errors));
        }
    }

    /**
     * Passes each item of a subscription's stream through a function, leaving demand as it is; on a
     * WebSocket ({@code socket} not null), the subscription also ends when the socket closes.
     */
    private record MappedPublisher(Publisher<ExecutionResult> upstream, UnaryOperator<ExecutionResult> map,
            SocketSubscriptions socket) implements Publisher<ExecutionResult> {
        @Override
        public void subscribe(Subscriber<? super ExecutionResult> downstream) {
            upstream.subscribe(new Subscriber<ExecutionResult>() {
                private Subscription subscription;

                @Override
                public void onSubscribe(Subscription upstreamSubscription) {
                    if (socket == null) {
                        downstream.onSubscribe(upstreamSubscription);
                        return;
                    }
                    subscription = new Subscription() {
                        @Override
                        public void request(long n) {
                            upstreamSubscription.request(n);
                        }

                        @Override
                        public void cancel() {
                            socket.ended(this);
                            upstreamSubscription.cancel();
                        }
                    };
                    downstream.onSubscribe(subscription);
                    socket.started(subscription);
                }

                @Override
                public void onNext(ExecutionResult item) {
                    downstream.onNext(map.apply(item));
                }

                @Override
                public void onError(Throwable failure) {
                    end();
                    downstream.onError(failure);
                }

                @Override
                public void onComplete() {
                    end();
                    downstream.onComplete();
                }

                private void end() {
                    if (subscription != null) {
                        socket.ended(subscription);
                    }
                }
            });
        }
    }

    /** Responses that never reached graphql-java (SmallRye's own errors) get the cost extension here. */
    private ExecutionResult withCost(ExecutionResult result) {
        if (result.getExtensions() != null && result.getExtensions().containsKey("cost")) {
            return result;
        }
        Map<Object, Object> extensions = new LinkedHashMap<>();
        if (result.getExtensions() != null) {
            extensions.putAll(result.getExtensions());
        }
        extensions.putAll(guard.costExtension(null));
        return result.transform(b -> b.extensions(extensions));
    }
}
