package io.communique.engine;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import io.communique.errors.ErrorMapper;
import io.communique.limits.LimitsConfig;
import io.communique.limits.QueryGuard;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.schema.model.Schema;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public class NormalizingExecutionService extends ExecutionService {

    private final ErrorMapper mapper;
    private final QueryGuard guard;
    private final LimitsConfig limits;

    public NormalizingExecutionService(graphql.schema.GraphQLSchema graphQLSchema, Schema schema, ErrorMapper mapper,
            QueryGuard guard, LimitsConfig limits) {
        // SmallRye's own DataLoaders are replaced by BatchLoaders' (see there).
        super(graphQLSchema, BatchLoaders.withoutBatchOperations(schema));
        this.mapper = mapper;
        this.guard = guard;
        this.limits = limits;
    }

    @Override
    public void execute(JsonObject input, Map<String, Object> metaData, ExecutionResponseWriter writer, boolean async) {
        super.execute(input, metaData, new Writer(writer, string(input, "query"), string(input, "operationName"),
                SocketSubscriptions.of(metaData)), async);
    }

    private static String string(JsonObject input, String member) {
        JsonValue value = input == null ? null : input.get(member);
        return value instanceof JsonString s ? s.getString() : null;
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
