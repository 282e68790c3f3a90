package io.communique.errors;

/**
 * The documented values of {@code extensions.code}: every error of every response carries exactly
 * one of them (README, "Errors"). Clients switch on these strings, so a value never changes meaning
 * once published; new situations get new codes.
 */
public final class ErrorCodes {
    /** An argument or variable value is malformed, out of range or of the wrong type; the message names it. */
    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    /** A well-formed id names no node. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The operation needs a signed-in caller: send a bearer token. */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** The caller is signed in but lacks the role the operation needs. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** The document is not valid GraphQL syntax, or there is no document at all. */
    public static final String PARSE_FAILED = "PARSE_FAILED";
    /** The document does not fit the schema: unknown field, missing argument, literal of the wrong type... */
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    /** The operation nests fields deeper than the depth limit. */
    public static final String QUERY_TOO_DEEP = "QUERY_TOO_DEEP";
    /** The operation's estimated cost exceeds the cost budget. */
    public static final String QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";
    /**
     * The client has spent its budget of cost points (when budgets are on): the operation did not run.
     * {@code extensions.retryAfter} says in how many seconds it would fit; over HTTP the status is 429
     * with a {@code Retry-After} header.
     */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** The document has more lexical tokens than the parser accepts. */
    public static final String TOO_MANY_TOKENS = "TOO_MANY_TOKENS";
    /** The operation uses more aliases than allowed. */
    public static final String TOO_MANY_ALIASES = "TOO_MANY_ALIASES";
    /** The operation uses more directives than allowed. */
    public static final String TOO_MANY_DIRECTIVES = "TOO_MANY_DIRECTIVES";
    /** The operation selects more fields than allowed once its fragments are expanded (a fragment flood). */
    public static final String TOO_MANY_FIELDS = "TOO_MANY_FIELDS";
    /**
     * An introspection query expands types more than the good-faith limit allows: {@code __schema} and
     * {@code __type} once each, each of {@code __Type}'s fields, inputFields, interfaces and possibleTypes
     * once, at most 500 fields and 20 levels.
     */
    public static final String INTROSPECTION_TOO_LARGE = "INTROSPECTION_TOO_LARGE";
    /**
     * The database cancelled a statement that ran past the statement timeout, or that waited past the
     * lock timeout for records another write holds locked.
     */
    public static final String TIMEOUT = "TIMEOUT";
    /**
     * The database cannot be reached right now, or has no resources to spare (no connection slot left, out of
     * memory or disk); retry later. Nothing was written. Also a subscription asked
     * for while this instance hears no database events: it was not started, and nothing was missed.
     */
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    /**
     * A mutation's write committed, and then reading its result (a field of its payload) failed in the
     * database. Do not send the mutation again: read what it changed instead.
     */
    public static final String WRITE_COMMITTED_READ_FAILED = "WRITE_COMMITTED_READ_FAILED";
    /**
     * The connection to the database broke while a mutation was committing: the database may have
     * committed it or not, and no one can tell from here. Read what it changes before sending it again.
     */
    public static final String WRITE_OUTCOME_UNKNOWN = "WRITE_OUTCOME_UNKNOWN";
    /** A fault on the server; the response carries a correlation id that the server log also names. */
    public static final String INTERNAL = "INTERNAL";
    /**
     * A subscription fell further behind its events than its buffer allows (a bulk write's burst) and was
     * ended rather than skip some; read the current state again and subscribe again.
     */
    public static final String SUBSCRIPTION_OVERFLOW = "SUBSCRIPTION_OVERFLOW";
    /**
     * Events a subscription may have wanted were lost on the server (its connection to the database's events
     * broke, or their rows could not be read), so it ended rather than go on without them; read the current
     * state again and subscribe again.
     */
    public static final String EVENTS_INTERRUPTED = "EVENTS_INTERRUPTED";
    /** The node changed since the caller read it (stale {@code expectedVersion}); read it again and retry. */
    public static final String CONFLICT = "CONFLICT";
    /**
     * The client closed the connection while its request executed, so the fields still to be fetched
     * were not. Never sent (nobody is there to receive it); the operation counts as {@code abandoned}.
     */
    public static final String CLIENT_GONE = "CLIENT_GONE";
    // ---- GraphQL over HTTP: request errors answered before execution (io.communique.http) ----
    /** The HTTP request is not a well-formed GraphQL request (body not JSON, parameter of the wrong type, no query). */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** The body is a JSON array: batched operations are not accepted; send one request per operation. */
    public static final String BATCHING_NOT_SUPPORTED = "BATCHING_NOT_SUPPORTED";
    /** The request body is larger than the configured limit. */
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    /** The request's JSON (body, or a GET's variables or extensions) nests arrays and objects deeper than the limit. */
    public static final String JSON_TOO_DEEP = "JSON_TOO_DEEP";
    /** The HTTP method cannot carry this request (any method but GET and POST; a mutation over GET). */
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    /** The Accept header admits neither application/graphql-response+json nor application/json. */
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    /** A POST body that is not declared as application/json in UTF-8. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    // ---- end of GraphQL over HTTP codes ----
    /**
     * GraphQL over WebSocket: the socket already carries as many operations (open subscriptions, queries
     * in flight) as allowed; complete one first. Sent in an {@code error} message for that operation only.
     */
    public static final String TOO_MANY_OPERATIONS = "TOO_MANY_OPERATIONS";
    // ---- Automatic persisted queries (io.communique.apq): answered before execution ----
    /** The {@code sha256Hash} names no stored document: resend the request with the document in {@code query}. */
    public static final String PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
    /** The document sent does not hash to the {@code sha256Hash} sent with it; nothing was run or stored. */
    public static final String PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH";
    /** {@code extensions.persistedQuery.version} is not 1, the only version of the protocol. */
    public static final String PERSISTED_QUERY_VERSION_NOT_SUPPORTED = "PERSISTED_QUERY_VERSION_NOT_SUPPORTED";
    // ---- end of persisted query codes ----

    private ErrorCodes() {
    }
}
