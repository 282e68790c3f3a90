package io.communique.errors;

import graphql.ErrorType;
import graphql.introspection.GoodFaithIntrospection;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.InvalidSyntaxError;
import graphql.ParseAndValidate;
import graphql.execution.AbortExecutionException;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.UnknownOperationException;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.schema.idl.TypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import io.communique.limits.ParserLimits;
import io.communique.ops.CorrelationIds;
import io.smallrye.graphql.api.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Turns every error a response can carry into an {@link ApiError} with one of the
 * {@link ErrorCodes}: syntax and document errors, variable coercion, limit refusals, exceptions
 * of resolvers, and whatever SmallRye or graphql-java report on their own. Messages never carry
 * Java class names, SQL or stack traces; faults get a correlation id that the log line with the
 * stack trace also carries.
 */
@ApplicationScoped
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    /** PostgreSQL's SQLState for a statement cancelled by statement_timeout (or a cancel request). */
    static final String QUERY_CANCELED = "57014";
    /** lock_not_available: a statement cancelled by lock_timeout while it waited for another transaction's lock. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** deadlock_detected and serialization_failure. */
    private static final Set<String> CONCURRENT_WRITE = Set.of("40P01", "40001");

    private static final Pattern WRONG_ARGUMENT = Pattern.compile("argument '([^']+)' with value .* is not a valid '([^']+)'",
            Pattern.DOTALL);
    private static final Pattern ARGUMENT = Pattern.compile("argument '([^']+)'");
    private static final Pattern VARIABLE = Pattern.compile("^Variable '([^']+)'");
    /** graphql-java 24: "Variable 'o' has an invalid value: Field 'direction' has coerced Null value for NonNull type 'D!'". */
    private static final Pattern MISSING_VARIABLE_FIELD = Pattern.compile(
            "^Variable '([^']+)' has an invalid value: (?:Input )?[Ff]ield '([^']+)' has coerced Null value for NonNull type '([^']+)'");
    /** graphql-java 24: "Variable 'i' has an invalid value: Invalid input for enum 'R'. No value found for name 'Z'". */
    private static final Pattern NOT_IN_ENUM = Pattern.compile(
            "^Variable '([^']+)' has an invalid value: Invalid input for enum '([^']+)'\\. No value found for name '([^']*)'");
    /** graphql-java 24: "Variable 'i' has an invalid value: Coerced Null value for NonNull type 'String!'" (a list element). */
    private static final Pattern NULL_IN_VARIABLE = Pattern.compile(
            "^Variable '([^']+)' has an invalid value: Coerced Null value for NonNull type '([^']+)'");
    /** engine/StrictScalars, through graphql-java: "Variable 'n' has an invalid value: Int cannot represent 1.5: it is not an integer." */
    private static final Pattern SCALAR_REFUSED = Pattern.compile(
            "^Variable '([^']+)' has an invalid value: ((?:Int|Float|Date|ID) cannot represent .*)$", Pattern.DOTALL);
    /**
     * graphql-java 24's other literal checks (ArgumentValidationUtil): "argument 'a' with value '…' must not be null",
     * "… must be an object type", "… is missing required fields '[x, y]'", "… contains a field not in 'T': 'f'".
     */
    private static final Pattern ARGUMENT_LITERAL = Pattern.compile("argument '([^']+)' with value '.*' (must not be null|must be an"
            + " object type|is missing required fields '\\[(.*)\\]'|contains a field not in '([^']+)': '([^']+)')$", Pattern.DOTALL);
    /** graphql-java 24: "Bad default value 'ObjectValue{...}' for type 'StatementFilter'". */
    private static final Pattern BAD_DEFAULT = Pattern.compile("Bad default value '.*' for type '([^']+)'$", Pattern.DOTALL);
    private static final Pattern UNDEFINED_INPUT_FIELD = Pattern.compile(
            "field name '([^']+)' that is not defined for input object type '([^']+)'");
    private static final Pattern GRAPHQL_TYPE = Pattern.compile("[\\[\\]!A-Za-z0-9_]+");
    private static final Pattern NESTED_VALUE = Pattern.compile("\\b[A-Z][A-Za-z]*Value\\{[^}]*\\}");
    /** How graphql-java's parser objects print themselves: {@code ObjectValue{...}}, {@code ObjectField{...}}, {@code VariableReference{...}}. */
    private static final Pattern PARSER_OBJECT = Pattern.compile("\\b[A-Z][A-Za-z]*(Value|Field|Reference)\\{");

    /** What the mapper knows of the request beyond its errors; {@code operationName} as the client sent it, or null. */
    public record Request(String query, String operationName, boolean dataPresent, Duration statementTimeout,
            Duration lockTimeout) {
    }

    public List<GraphQLError> map(List<GraphQLError> errors, Request request) {
        List<GraphQLError> mapped = new ArrayList<>();
        Faults faults = new Faults(errors);
        for (GraphQLError error : errors) {
            if (error instanceof NonNullableFieldWasNullError && causedByAnother(error, errors)) {
                // The null comes from an error already reported at or below this path.
                continue;
            }
            if (saidByAnother(error, errors)) {
                continue;
            }
            ApiError api = map(error, request, faults);
            // graphql-java validates a fragment once per operation that spreads it: 100 operations spreading one
            // with an undefined 200 KB variable name made 100 identical errors, a 20 MB answer to a 200 KB request.
            if (!ErrorCodes.VALIDATION_FAILED.equals(api.code()) || mapped.stream().noneMatch(m -> sameError(m, api))) {
                mapped.add(api);
            }
        }
        return mapped;
    }

    private static boolean sameError(GraphQLError a, ApiError b) {
        return a instanceof ApiError api && api.code().equals(b.code()) && api.getMessage().equals(b.getMessage())
                && Objects.equals(api.getLocations(), b.getLocations()) && Objects.equals(api.getPath(), b.getPath());
    }

    /**
     * The exceptions behind a response's field errors. A batch loader that fails fails every field of
     * its batch with the same exception (about a hundred for the canonical traversal's parties): each
     * field still gets its error, but the fault is logged once, saying how many fields it failed.
     */
    private static final class Faults {
        private final Map<Throwable, Integer> fields = new IdentityHashMap<>();
        // A fault is in here once this response has reported it.
        private final Map<Throwable, String> ids = new IdentityHashMap<>();

        Faults(List<GraphQLError> errors) {
            for (GraphQLError error : errors) {
                if (error instanceof ExceptionWhileDataFetching fetching) {
                    fields.merge(fetching.getException(), 1, Integer::sum);
                }
            }
        }

        /** The fault's correlation id: the request's, or (outside a request) one drawn for this fault. */
        String id(Throwable fault) {
            return ids.computeIfAbsent(fault, f -> correlationId());
        }

        /** True the first time this response reports the fault: log it then, and only then. */
        boolean firstReport(Throwable fault) {
            boolean first = !ids.containsKey(fault);
            id(fault);
            return first;
        }

        String alsoFailed(Throwable fault) {
            int more = fields.getOrDefault(fault, 1) - 1;
            return more == 0 ? "" : " and " + more + " more field" + (more == 1 ? "" : "s") + " of this response";
        }

        // Parsed once per response, and only once a fault needs to know.
        private Boolean mutation;

        /** Whether the response is a mutation's: the operation {@code operationName} selects, or the document's only one. */
        boolean mutation(Request request) {
            if (mutation == null) {
                mutation = parsed(request.query()).map(document -> {
                    var operations = document.getDefinitionsOfType(OperationDefinition.class);
                    var selected = operations.stream().filter(op -> request.operationName() == null
                            ? operations.size() == 1 : request.operationName().equals(op.getName())).findFirst();
                    return selected.map(op -> op.getOperation() == OperationDefinition.Operation.MUTATION).orElse(false);
                }).orElse(false);
            }
            return mutation;
        }

        /**
         * Whether the field failed after its mutation committed: it lies below a root field of a
         * mutation. Every mutation's root field does its reads and writes in one transaction (a
         * transactional service call, or a transactional resolver), committed by the time the resolver
         * returns its payload; only then are the fields below it read. A failure at the root field
         * itself rolled that transaction back.
         */
        boolean afterCommit(GraphQLError error, Request request) {
            return error.getPath() != null && error.getPath().size() > 1 && mutation(request);
        }
    }

    /** The response to a failure that escaped execution altogether. */
    public ApiError internal(Throwable fault) {
        String id = correlationId();
        LOG.errorf(fault, "Internal server error [correlationId=%s]", id);
        return internalError(id, null, null);
    }

    private ApiError map(GraphQLError error, Request request, Faults faults) {
        if (error instanceof ApiError api) {
            return api;
        }
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return fromException(fetching.getException(), fetching, request, faults);
        }
        if (error instanceof VariableValueError located) {
            return located.error() instanceof InputMapDefinesTooManyFieldsException
                    ? undefinedInputField(located, request.query())
                    : variableValue(located, request.query());
        }
        if (error instanceof InvalidSyntaxError || isSmallRyeUnparseable(error, request)) {
            return syntaxError(request.query());
        }
        if (error instanceof ValidationError validation) {
            return request.dataPresent() ? argumentValue(validation) : validation(validation, request.query());
        }
        if (error instanceof UnknownOperationException) {
            return ApiError.of(ErrorCodes.VALIDATION_FAILED, error.getMessage(), error.getLocations(), null);
        }
        if (error.getErrorType() == ErrorType.ValidationError && error.getMessage() != null
                && VARIABLE.matcher(error.getMessage()).find()) {
            return variableValue(error, request.query());
        }
        if (error instanceof InputMapDefinesTooManyFieldsException) {
            return undefinedInputField(error, request.query());
        }
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            // The client's query, not a fault: graphql-java's message names what was repeated or too large.
            return ApiError.of(ErrorCodes.INTROSPECTION_TOO_LARGE, "Introspection refused: " + error.getMessage()
                    + " An operation may ask for __schema and __type once each, each of __Type's fields, inputFields,"
                    + " interfaces and possibleTypes once, and at most 500 fields 20 levels deep.");
        }
        if (error instanceof AbortExecutionException) {
            String message = String.valueOf(error.getMessage());
            // SmallRye's own limit instrumentations, should anyone enable them again.
            if (message.startsWith("maximum query depth exceeded")) {
                return ApiError.of(ErrorCodes.QUERY_TOO_DEEP, "The query nests fields too deeply.");
            }
            if (message.startsWith("maximum query complexity exceeded")) {
                return ApiError.of(ErrorCodes.QUERY_TOO_COMPLEX, "The query is too complex.");
            }
        }
        String id = correlationId();
        LOG.errorf("Internal server error [correlationId=%s]: %s at %s", id, error.getMessage(), error.getPath());
        return internalError(id, error.getLocations(), error.getPath());
    }

    /**
     * The error {@code thrown} reports to the client if the client caused it: an {@link ApiException}, or
     * an exception whose class carries SmallRye's {@link ErrorCode}, anywhere in its causes; otherwise null.
     */
    public static ApiError clientError(Throwable thrown, List<SourceLocation> locations, List<Object> path) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ApiError error = asClientError(t, locations, path);
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    private static ApiError asClientError(Throwable t, List<SourceLocation> locations, List<Object> path) {
        var code = t.getClass().getAnnotation(ErrorCode.class);
        if (t instanceof ApiException || code != null) {
            return ApiError.of(code != null ? code.value() : ErrorCodes.BAD_USER_INPUT, t.getMessage(), locations, path);
        }
        return null;
    }

    private ApiError fromException(Throwable thrown, GraphQLError error, Request request, Faults faults) {
        boolean log = faults.firstReport(thrown);
        Throwable lostCommit = connectionLostInCommit(thrown);
        if (lostCommit != null) {
            return outcomeUnknown(thrown, lostCommit, error, request, faults, log);
        }
        // PostgreSQL answered the COMMIT with an error, so the transaction was rolled back.
        Throwable exhaustedInCommit = exhaustedInCommit(thrown);
        if (exhaustedInCommit != null) {
            return exhausted(thrown, exhaustedInCommit, error, request, faults, log);
        }
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ApiError clients = asClientError(t, error.getLocations(), error.getPath());
            if (clients != null) {
                return clients;
            }
            if (databaseUnreachable(t)) {
                if (faults.afterCommit(error, request)) {
                    return committed(thrown, t, error, faults, log, "the database became unreachable", false);
                }
                return unreachable(thrown, t, error, request, faults, log);
            }
            if (databaseExhausted(t)) {
                if (faults.afterCommit(error, request)) {
                    return committed(thrown, t, error, faults, log, "the database had no resources to spare", false);
                }
                return exhausted(thrown, t, error, request, faults, log);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && CONCURRENT_WRITE.contains(sql.getSQLState())) {
                if (faults.afterCommit(error, request)) {
                    return committed(thrown, t, error, faults, log, "the database rolled the read back for a concurrent write", false);
                }
                // A deadlock or serialization failure: PostgreSQL rolled the transaction back to let the
                // other writer through. The request is fine and nothing was written, so it is the client's
                // to retry, as a stale version is, not a fault of the server.
                String id = faults.id(thrown);
                if (log) {
                    LOG.warnf("Write rolled back by a concurrent write (SQLSTATE %s) [correlationId=%s] at %s%s", sql.getSQLState(),
                            id, error.getPath(), faults.alsoFailed(thrown));
                }
                return ApiError.of(ErrorCodes.CONFLICT, "This write met a concurrent write to the same records and was rolled"
                        + " back: nothing was written. Read again and retry.", error.getLocations(), error.getPath())
                        .with(Map.of("correlationId", id));
            }
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                String after = "the statement timeout of " + human(request.statementTimeout());
                if (faults.afterCommit(error, request)) {
                    return committed(thrown, t, error, faults, log, "the database cancelled the read after " + after, false);
                }
                String id = faults.id(thrown);
                if (log) {
                    LOG.warnf("Statement cancelled after the statement timeout [correlationId=%s] at %s%s", id,
                            error.getPath(), faults.alsoFailed(thrown));
                }
                // Less data is the remedy for a read; a write asked for what it needed.
                return ApiError.of(ErrorCodes.TIMEOUT, faults.mutation(request)
                        ? "The database cancelled this write after " + after + ": nothing was written. Retry later."
                        : "The database cancelled this field after " + after + ". Ask for less data, or retry later.",
                        error.getLocations(), error.getPath()).with(Map.of("correlationId", id));
            }
            if (t instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                String after = "the lock timeout of " + human(request.lockTimeout());
                if (faults.afterCommit(error, request)) {
                    return committed(thrown, t, error, faults, log, "the read waited for a lock longer than " + after, false);
                }
                // Another transaction held what this one had to lock for longer than the lock timeout: the
                // request was not too large, it came at a busy moment. Its transaction rolled back.
                String id = faults.id(thrown);
                if (log) {
                    LOG.warnf("Lock wait cancelled after the lock timeout [correlationId=%s] at %s%s", id,
                            error.getPath(), faults.alsoFailed(thrown));
                }
                return ApiError.of(ErrorCodes.TIMEOUT, faults.mutation(request)
                        ? "This write waited longer than " + after + " for records another write holds locked, and was"
                                + " cancelled: nothing was written. Retry later."
                        : "This field waited longer than " + after + " for records another write holds locked, and was"
                                + " cancelled. Retry later.",
                        error.getLocations(), error.getPath()).with(Map.of("correlationId", id));
            }
        }
        if (faults.afterCommit(error, request)) {
            // A fault of the server's, but the remedy is the client's to know: the write stands, do not send it again.
            return committed(thrown, thrown, error, faults, log, "a fault on the server", true);
        }
        String id = faults.id(thrown);
        if (log) {
            LOG.errorf(thrown, "Internal server error [correlationId=%s] at %s%s", id, error.getPath(),
                    faults.alsoFailed(thrown));
        }
        return internalError(id, error.getLocations(), error.getPath());
    }

    /**
     * A failure in a field below a mutation's root field: the database's, or the server's own
     * ({@code serverFault}, logged as an error with its stack trace). The root field's resolver returned,
     * and with it the service call whose transaction holds the mutation's writes: they are committed.
     * Only reading the payload failed, so the client must not be told to send the mutation again (a
     * status update sent again is a second entry in the history), but to read what it changed.
     */
    private static ApiError committed(Throwable thrown, Throwable cause, GraphQLError error, Faults faults, boolean log,
            String why, boolean serverFault) {
        String id = faults.id(thrown);
        if (log && serverFault) {
            // Not the database's failure but the server's own: with its stack trace, as an INTERNAL fault is logged.
            LOG.errorf(thrown, "Mutation committed, reading its result failed: %s [correlationId=%s] at %s%s", why, id,
                    error.getPath(), faults.alsoFailed(thrown));
        } else if (log) {
            LOG.warnf("Mutation committed, reading its result failed: %s [correlationId=%s] at %s%s: %s", why, id,
                    error.getPath(), faults.alsoFailed(thrown), cause.getMessage());
        }
        return ApiError.of(ErrorCodes.WRITE_COMMITTED_READ_FAILED, "This mutation was written: its changes are committed."
                + " Reading its result failed (" + why + "). Do not send it again; read what it changed instead (a node"
                + " it created is in changes(since:)).", error.getLocations(), error.getPath())
                .with(Map.of("correlationId", id));
    }

    /** SERVICE_UNAVAILABLE, for a connection that failed ({@code cause}) where a mutation's writes were rolled back. */
    private static ApiError unreachable(Throwable thrown, Throwable cause, GraphQLError error, Request request, Faults faults,
            boolean log) {
        return unavailable("Database unreachable", "The database is unreachable right now", thrown, cause, error, request,
                faults, log);
    }

    /** SERVICE_UNAVAILABLE, for a database out of resources ({@code cause}) where a mutation's writes were rolled back. */
    private static ApiError exhausted(Throwable thrown, Throwable cause, GraphQLError error, Request request, Faults faults,
            boolean log) {
        return unavailable("Database out of resources", "The database has no resources to spare right now (connections,"
                + " memory or disk)", thrown, cause, error, request, faults, log);
    }

    private static ApiError unavailable(String logged, String told, Throwable thrown, Throwable cause, GraphQLError error,
            Request request, Faults faults, boolean log) {
        if (log) {
            LOG.warnf("%s at %s%s: %s", logged, error.getPath(), faults.alsoFailed(thrown), cause.getMessage());
        }
        return ApiError.of(ErrorCodes.SERVICE_UNAVAILABLE, told + (faults.mutation(request)
                ? ": nothing was written. Retry later." : ". Retry later."),
                error.getLocations(), error.getPath()).with(Map.of("correlationId", faults.id(thrown)));
    }

    /**
     * The connection failure behind a transaction's failed commit, or null. The transaction manager
     * reports any failed commit as rolled back ({@code RollbackException}, the connection's failure
     * among its suppressed exceptions), but when the connection broke after COMMIT was sent, PostgreSQL
     * may have committed: it was, in the test that cuts the answer (NetworkPartitionTest).
     */
    public static Throwable connectionLostInCommit(Throwable thrown) {
        return inFailedCommit(thrown, ErrorMapper::databaseUnreachable);
    }

    /** The lack of resources (SQLState class 53) for which PostgreSQL refused a transaction's commit, or null. */
    static Throwable exhaustedInCommit(Throwable thrown) {
        return inFailedCommit(thrown, ErrorMapper::databaseExhausted);
    }

    /** The failure matching {@code test} behind a transaction's failed commit (see above), or null. */
    private static Throwable inFailedCommit(Throwable thrown, Predicate<Throwable> test) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RollbackException || t instanceof HeuristicMixedException || t instanceof HeuristicRollbackException) {
                return find(t, test, new IdentityHashMap<>());
            }
        }
        return null;
    }

    /** The first throwable among {@code t}, its causes and its suppressed exceptions, depth first, that matches. */
    private static Throwable find(Throwable t, Predicate<Throwable> test, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return null;
        }
        if (test.test(t)) {
            return t;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            Throwable found = find(suppressed, test, seen);
            if (found != null) {
                return found;
            }
        }
        return find(t.getCause(), test, seen);
    }

    /**
     * A mutation whose commit lost its connection: neither "nothing was written, retry" (a status update
     * sent again would be a second entry in the history) nor "it was written". The client must read
     * before it decides. Until 2026-12-07 this was INTERNAL, which says nothing of the write either.
     */
    private static ApiError outcomeUnknown(Throwable thrown, Throwable cause, GraphQLError error, Request request,
            Faults faults, boolean log) {
        if (!faults.mutation(request)) {
            // A transactional read: whether it committed changes nothing.
            return unreachable(thrown, cause, error, request, faults, log);
        }
        String id = faults.id(thrown);
        if (log) {
            LOG.warnf("Mutation's commit got no answer, outcome unknown [correlationId=%s] at %s%s: %s", id, error.getPath(),
                    faults.alsoFailed(thrown), cause.getMessage());
        }
        return ApiError.of(ErrorCodes.WRITE_OUTCOME_UNKNOWN, "The connection to the database broke while this mutation"
                + " was being committed: it may or may not have been written. Read what it changes before sending it"
                + " again (a node it creates is in changes(since:)).", error.getLocations(), error.getPath())
                .with(Map.of("correlationId", id));
    }

    /**
     * Connection failures (SQLState class 08), a server shutting down or starting up (57P01-57P03),
     * and a pool that found no live connection in time: the database, not the request, is at fault.
     */
    static boolean databaseUnreachable(Throwable t) {
        if (t instanceof org.hibernate.exception.JDBCConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                return true;
            }
            // Agroal words it "Sorry, acquisition timeout!" when no pooled connection came back in time, and
            // "Acquisition timeout while waiting for new connection" when opening one took too long (a host
            // that does not answer); the second was INTERNAL, logged with its stack trace as a fault.
            String message = sql.getMessage();
            return state == null && message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
        }
        return false;
    }

    /**
     * PostgreSQL out of resources (SQLState class 53): no connection slot left (53300, "too many clients"),
     * out of memory, disk full. The database is up, the request is not at fault, and retrying later may work.
     */
    static boolean databaseExhausted(Throwable t) {
        return t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("53");
    }

    private static ApiError internalError(String id, List<graphql.language.SourceLocation> locations, List<Object> path) {
        return ApiError.of(ErrorCodes.INTERNAL, "Internal server error. Quote correlation id " + id + " when reporting it.",
                locations, path).with(Map.of("correlationId", id));
    }

    /** SmallRye parses the document before graphql-java does and answers a failure with its own bare error. */
    private static boolean isSmallRyeUnparseable(GraphQLError error, Request request) {
        return !request.dataPresent() && (request.query() == null || request.query().isBlank()
                || "Unparseable input document".equals(error.getMessage()));
    }

    /** Parses again to tell a syntax error from a refused document; only failed requests get here. */
    public ApiError syntaxError(String query) {
        if (query == null || query.isBlank()) {
            return ApiError.of(ErrorCodes.PARSE_FAILED, "The request has no GraphQL document in 'query'.");
        }
        var result = ParseAndValidate.parse(ExecutionInput.newExecutionInput(query).build());
        InvalidSyntaxException syntax = result.getSyntaxException();
        if (syntax == null) {
            return ApiError.of(ErrorCodes.PARSE_FAILED, "The GraphQL document could not be parsed.");
        }
        var location = syntax.getLocation() == null ? List.<graphql.language.SourceLocation>of() : List.of(syntax.getLocation());
        if (syntax instanceof ParseCancelledTooDeepException) {
            return ApiError.of(ErrorCodes.QUERY_TOO_DEEP, "The document nests too deeply to be parsed.", location, null);
        }
        if (syntax instanceof ParseCancelledException) {
            return tooManyTokens(syntax, location);
        }
        return ApiError.of(ErrorCodes.PARSE_FAILED, SyntaxMessages.of(syntax.getMessage()), location, null);
    }

    /**
     * graphql-java counts the document's ignored tokens (whitespace, commas, comments) against a limit of
     * their own, {@code maxWhitespaceTokens}; a document of 200,000 spaces was reported as over the
     * 15,000 grammar tokens it did not have. The kind is read from graphql-java's message.
     */
    private static ApiError tooManyTokens(InvalidSyntaxException cancelled, List<graphql.language.SourceLocation> location) {
        var options = graphql.parser.ParserOptions.getDefaultOperationParserOptions();
        boolean ignored = cancelled.getMessage() != null && cancelled.getMessage().contains("'whitespace' tokens");
        int max = ignored ? options.getMaxWhitespaceTokens() : ParserLimits.maxTokens();
        String kind = ignored ? " ignored tokens (whitespace, commas and comments)" : " tokens";
        return ApiError.of(ErrorCodes.TOO_MANY_TOKENS, "The document has more than " + max + kind
                + ", the limit; parsing was stopped.", location, null).with(Map.of("limit", max));
    }

    private static ApiError validation(ValidationError error, String query) {
        String description = error.getDescription() == null ? error.getMessage() : error.getDescription();
        Matcher wrong = WRONG_ARGUMENT.matcher(description);
        String message;
        Matcher literal = ARGUMENT_LITERAL.matcher(description);
        Matcher badDefault = BAD_DEFAULT.matcher(description);
        List<String> at = error.getQueryPath();
        String field = at == null || at.isEmpty() ? "" : " of field '" + at.get(at.size() - 1) + "'";
        if (wrong.find()) {
            message = "Argument '" + wrong.group(1) + "'" + field + " has a value that is not a valid '" + wrong.group(2) + "'.";
        } else if (badDefault.find()) {
            // graphql-java quotes the default as the parser's objects, which no mapping puts back cleanly.
            message = variableAt(query, error.getLocations()).map(name -> "Variable '" + name + "'").orElse("A variable")
                    + " has a default value that is not a valid '" + badDefault.group(1) + "'.";
        } else if (literal.find()) {
            // Worded without graphql-java's quote of the whole literal, which echoed a 100 KB input back in full.
            message = "Argument '" + literal.group(1) + "'" + field + literalProblem(literal);
        } else {
            // graphql-java's "Validation error (FieldUndefined@[officials/nodes/salary]) : " names its rule, not the problem.
            message = clean(asWritten(description, query, error.getLocations())).replaceFirst("^Validation error \\([^)]*\\) : ", "");
            // graphql-java names an operation without a name 'null'; say it as SubscriptionRootCheck does.
            message = message.replaceFirst("^Subscription operation 'null' ", "An anonymous subscription ")
                    .replaceFirst("^Subscription operation '", "Subscription '");
            if (PARSER_OBJECT.matcher(message).find()) {
                // A parser object this mapper could not put back into GraphQL: say less rather than show it.
                Matcher argument = ARGUMENT.matcher(description);
                message = argument.find() ? "Argument '" + argument.group(1) + "' has a literal that does not fit its type."
                        : "The document does not fit the schema.";
            }
        }
        return ApiError.of(ErrorCodes.VALIDATION_FAILED, shortenQuotes(message), error.getLocations(), null);
    }

    /** Names quoted from the document, cut as syntax errors cut theirs: a name can be most of a 256 KB body. */
    private static String shortenQuotes(String message) {
        String[] parts = message.split("'", -1);
        if (parts.length % 2 == 0) {
            return message; // an odd number of quotes: no telling what is quoted
        }
        for (int i = 1; i < parts.length; i += 2) {
            parts[i] = SyntaxMessages.quote(parts[i]);
        }
        return String.join("'", parts);
    }

    private static String literalProblem(Matcher literal) {
        if (literal.group(3) != null) {
            List<String> missing = List.of(literal.group(3).split(",\\s*"));
            return " has no value for its required field" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing.stream().map(name -> "'" + name + "'").toList()) + ".";
        }
        if (literal.group(4) != null) {
            return " has a field '" + literal.group(5) + "' that '" + literal.group(4) + "' does not define.";
        }
        return "must not be null".equals(literal.group(2)) ? " must not be null." : " must be an input object.";
    }

    /**
     * graphql-java quotes an argument's literal as the parser's objects
     * ({@code ObjectValue{objectFields=[ObjectField{name='field', value=EnumValue{name='NAME'}}]}}). The
     * literal is found again in the document at the error's location and those objects are replaced by
     * it as written in GraphQL ({@code {field : NAME}}), the largest first (a message may quote a part).
     */
    private static String asWritten(String message, String query, List<graphql.language.SourceLocation> locations) {
        if (locations == null || locations.isEmpty() || !PARSER_OBJECT.matcher(message).find()) {
            return message;
        }
        Document document = parsed(query).orElse(null);
        if (document == null) {
            return message;
        }
        var at = locations.get(0);
        List<Value<?>> values = new ArrayList<>();
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            public TraversalControl visitArgument(Argument argument, TraverserContext<Node> context) {
                var location = argument.getSourceLocation();
                if (location != null && location.getLine() == at.getLine() && location.getColumn() == at.getColumn()) {
                    collect(argument.getValue(), values);
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        String written = message;
        for (Value<?> value : values) {
            written = written.replace(value.toString(), AstPrinter.printAst(value));
        }
        return written;
    }

    /** The value and every value inside it, outermost first. */
    private static void collect(Value<?> value, List<Value<?>> into) {
        into.add(value);
        if (value instanceof ObjectValue object) {
            object.getObjectFields().forEach(field -> collect(field.getValue(), into));
        } else if (value instanceof ArrayValue array) {
            array.getValues().forEach(element -> collect(element, into));
        }
    }

    /** SmallRye reports an argument it cannot convert as a validation error during execution. */
    private static ApiError argumentValue(ValidationError error) {
        String description = String.valueOf(error.getDescription());
        Matcher wrong = WRONG_ARGUMENT.matcher(description);
        Matcher argument = ARGUMENT.matcher(description);
        String message;
        if (wrong.find() && GRAPHQL_TYPE.matcher(wrong.group(2)).matches()) {
            message = "Argument '" + wrong.group(1) + "' has a value that is not a valid '" + wrong.group(2) + "'.";
        } else if (argument.find()) {
            // SmallRye names a Java type here when it has no GraphQL one: say nothing of it.
            message = "Argument '" + argument.group(1) + "' has an invalid value.";
        } else {
            message = "An argument has an invalid value.";
        }
        List<Object> path = error.getQueryPath() == null ? null : new ArrayList<>(error.getQueryPath());
        return ApiError.of(ErrorCodes.BAD_USER_INPUT, message, error.getLocations(), path);
    }

    /**
     * A variable's input object with a field its type does not define. graphql-java names the field and
     * the type, not the variable; located ({@link VariableValueError}), the message names the field's
     * place in the variable, otherwise the variable when exactly one is declared with that type.
     */
    private static ApiError undefinedInputField(GraphQLError error, String query) {
        Matcher m = UNDEFINED_INPUT_FIELD.matcher(String.valueOf(error.getMessage()));
        if (!m.find()) {
            return ApiError.of(ErrorCodes.BAD_USER_INPUT, "A variable holds an input object with a field its type does not define.");
        }
        String field = m.group(1);
        String type = m.group(2);
        if (error instanceof VariableValueError located && located.inside()) {
            return ApiError.of(ErrorCodes.BAD_USER_INPUT, "Variable '" + located.variable() + "' has a field '" + located.place()
                    + "' that '" + type + "' does not define.", locatedAt(error, query, located.variable()), null);
        }
        List<String> declared = variablesOfType(query, type);
        String subject = declared.size() == 1 ? "Variable '" + declared.get(0) + "'" : "A variable";
        return ApiError.of(ErrorCodes.BAD_USER_INPUT, subject + " has a field '" + field + "' that '" + type + "' does not define.",
                declared.size() == 1 ? locatedAt(error, query, declared.get(0)) : error.getLocations(), null);
    }

    /**
     * The error's locations, or else the variable's definition: graphql-java gives none for a field
     * its input type lacks, where every other variable error points at the definition.
     */
    private static List<graphql.language.SourceLocation> locatedAt(GraphQLError error, String query, String variable) {
        if (error.getLocations() != null && !error.getLocations().isEmpty()) {
            return error.getLocations();
        }
        return variables(query).filter(v -> v.getName().equals(variable) && v.getSourceLocation() != null)
                .map(v -> List.of(v.getSourceLocation())).findFirst().orElse(null);
    }

    /**
     * A variable whose value graphql-java refused. When the refusal was located inside the variable
     * ({@link VariableValueError}), the message names the place, {@code 'input.parties[0].role'}.
     */
    private static ApiError variableValue(GraphQLError error, String query) {
        String message = error.getMessage();
        Optional<VariableValueError> inside = error instanceof VariableValueError located && located.inside()
                ? Optional.of(located) : Optional.empty();
        // " at 'input.parties[0]'" when the refusal found lies inside the variable graphql-java's message names, at a
        // place of the type it names: the walk and graphql-java agree on which wrong value this is.
        BiFunction<String, String, String> at = (variable, type) -> inside
                .filter(l -> l.variable().equals(variable) && (type == null || l.expects(type)))
                .map(l -> " at '" + l.place() + "'").orElse("");
        Matcher missing = MISSING_VARIABLE_FIELD.matcher(message);
        if (missing.find()) {
            // A required field of an input object is absent or null; the variable itself is not null.
            String field = inside.filter(l -> l.variable().equals(missing.group(1)) && l.at().get(l.at().size() - 1).equals(missing.group(2)))
                    .map(VariableValueError::place).orElse(missing.group(2));
            return ApiError.of(ErrorCodes.BAD_USER_INPUT, "Variable '" + missing.group(1) + "' has no value for its required field '"
                    + field + "' of type '" + missing.group(3) + "'.", error.getLocations(), null);
        }
        Matcher notInEnum = NOT_IN_ENUM.matcher(message);
        if (notInEnum.find()) {
            return ApiError.of(ErrorCodes.BAD_USER_INPUT, "Variable '" + notInEnum.group(1) + "' holds '" + notInEnum.group(3) + "'"
                    + at.apply(notInEnum.group(1), notInEnum.group(2)) + ", which is not a value of the enum '" + notInEnum.group(2) + "'.",
                    error.getLocations(), null);
        }
        Matcher nullInside = NULL_IN_VARIABLE.matcher(message);
        if (nullInside.find()) {
            // A null list element (or the like) inside the variable, not the variable itself.
            return ApiError.of(ErrorCodes.BAD_USER_INPUT, "Variable '" + nullInside.group(1) + "' holds a null"
                    + at.apply(nullInside.group(1), nullInside.group(2)) + " where a '" + nullInside.group(2) + "' is required.", error.getLocations(), null);
        }
        Matcher refused = SCALAR_REFUSED.matcher(message);
        if (refused.find()) {
            // Worded by StrictScalars from the value as sent: no Java types in it.
            return ApiError.of(ErrorCodes.BAD_USER_INPUT, "Variable '" + refused.group(1) + "' has an invalid value"
                    + at.apply(refused.group(1), refused.group(2).substring(0, refused.group(2).indexOf(' '))) + ": " + refused.group(2), error.getLocations(), null);
        }
        Matcher m = VARIABLE.matcher(message);
        String name = m.find() ? m.group(1) : "?";
        boolean nulled = message.contains("Null value") || message.contains("null value");
        if (!nulled && !at.apply(name, null).isEmpty()) {
            // graphql-java's own words here name Java types ("Expected type 'Map' but was 'String'"): the place and its type instead.
            return ApiError.of(ErrorCodes.BAD_USER_INPUT, "Variable '" + name + "' has a value" + at.apply(name, null)
                    + " that is not a valid '" + inside.get().expected() + "'.", error.getLocations(), null);
        }
        Optional<String> type = variableType(query, name);
        String worded = nulled
                ? "Variable '" + name + "'" + type.map(t -> " of type '" + t + "'").orElse("") + " must not be null."
                : "Variable '" + name + "' has a value that is not a valid " + type.map(t -> "'" + t + "'").orElse("value") + ".";
        return ApiError.of(ErrorCodes.BAD_USER_INPUT, worded, error.getLocations(), null);
    }

    /** The variables the document declares with this named type, whatever its wrapping ({@code T}, {@code T!}, {@code [T]}). */
    private static List<String> variablesOfType(String query, String type) {
        return variables(query)
                .filter(v -> type.equals(TypeUtil.unwrapAll(v.getType()).getName()))
                .map(VariableDefinition::getName)
                .distinct()
                .toList();
    }

    /** The variable whose definition starts at the error's location. */
    private static Optional<String> variableAt(String query, List<graphql.language.SourceLocation> locations) {
        if (locations == null || locations.isEmpty()) {
            return Optional.empty();
        }
        var at = locations.get(0);
        return variables(query)
                .filter(v -> v.getSourceLocation() != null && v.getSourceLocation().getLine() == at.getLine()
                        && v.getSourceLocation().getColumn() == at.getColumn())
                .map(VariableDefinition::getName)
                .findFirst();
    }

    private static Optional<String> variableType(String query, String name) {
        return variables(query)
                .filter(v -> v.getName().equals(name))
                .map(VariableDefinition::getType)
                .map(AstPrinter::printAst)
                .findFirst();
    }

    /** Every variable definition of every operation in the client's document; none when it does not parse. */
    private static Stream<VariableDefinition> variables(String query) {
        return parsed(query).stream()
                .flatMap(document -> document.getDefinitionsOfType(OperationDefinition.class).stream())
                .flatMap(operation -> operation.getVariableDefinitions().stream());
    }

    /** The client's document parsed again, to word an error about it; empty when there is none or it does not parse. */
    private static Optional<Document> parsed(String query) {
        if (query == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(ParseAndValidate.parse(ExecutionInput.newExecutionInput(query).build()).getDocument());
        } catch (RuntimeException unparseable) {
            return Optional.empty();
        }
    }

    private static boolean causedByAnother(GraphQLError nullError, List<GraphQLError> errors) {
        var path = nullError.getPath();
        if (path == null) {
            return false;
        }
        for (var other : errors) {
            if (other == nullError || other instanceof NonNullableFieldWasNullError) {
                continue;
            }
            var otherPath = pathOf(other);
            if (otherPath != null && otherPath.size() >= path.size() && otherPath.subList(0, path.size()).equals(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * graphql-java reports a literal null for a non-null argument twice: its ProvidedNonNullArguments
     * rule says "Null value for non-null field argument 'ids'" at the field, and its argument check
     * says the same at the argument, which {@link #validation} words as "Argument 'ids' of field
     * 'nodes' must not be null." One mistake is one error (as graphql-js reports it): the first goes.
     */
    private static boolean saidByAnother(GraphQLError error, List<GraphQLError> errors) {
        if (!(error instanceof ValidationError validation)
                || validation.getValidationErrorType() != ValidationErrorType.NullValueForNonNullArgument) {
            return false;
        }
        Matcher named = ARGUMENT.matcher(error.getMessage());
        if (!named.find()) {
            return false;
        }
        String argument = named.group(1);
        return errors.stream().anyMatch(other -> other != error && other instanceof ValidationError v
                && Objects.equals(v.getQueryPath(), validation.getQueryPath())
                && ARGUMENT_LITERAL.matcher(v.getDescription() == null ? v.getMessage() : v.getDescription()).results()
                        .anyMatch(m -> m.group(1).equals(argument) && m.group(2).equals("must not be null")));
    }

    private static List<?> pathOf(GraphQLError error) {
        if (error.getPath() != null) {
            return error.getPath();
        }
        return error instanceof ValidationError v ? v.getQueryPath() : null;
    }

    private static String clean(String message) {
        return NESTED_VALUE.matcher(message).replaceAll("a literal").replaceAll(" - SRGQL\\d+:.*$", "");
    }

    private static String human(Duration d) {
        if (d == null) {
            return "the server's limit";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The request's id (README, "Correlation ids"), the one its log lines and X-Request-ID header carry. */
    private static String correlationId() {
        String id = CorrelationIds.current();
        return id != null ? id : UUID.randomUUID().toString();
    }
}
