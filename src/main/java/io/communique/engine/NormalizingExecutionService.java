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
        super(graphQLSchema, schema);
        this.mapper = mapper;
        this.guard = guard;
        this.limits = limits;
    }

    @Override
    public void execute(JsonObject input, Map<String, Object> metaData, ExecutionResponseWriter writer, boolean async) {
        super.execute(input, metaData, new Writer(writer, query(input)), async);
    }

    private static String query(JsonObject input) {
        JsonValue query = input == null ? null : input.get("query");
        return query instanceof JsonString s ? s.getString() : null;
    }

    private final class Writer implements ExecutionResponseWriter {
        private final ExecutionResponseWriter delegate;
        private final String query;

        Writer(ExecutionResponseWriter delegate, String query) {
            this.delegate = delegate;
            this.query = query;
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
            var request = new ErrorMapper.Request(query, result.isDataPresent(), limits.statementTimeout());
            List<GraphQLError> errors = mapper.map(result.getErrors(), request);
            return withCost(result.transform(b -> b.errors(errors)));
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
