package io.communique.errors;

/**
 * The documented values of {@code extensions.code}. Clients switch on these strings, so a value
 * never changes meaning once published; new situations get new codes.
 */
public final class ErrorCodes {
    /** An argument is malformed, out of range or refers to nothing. */
    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    /** A well-formed id names no node. */
    public static final String NOT_FOUND = "NOT_FOUND";

    /** The operation needs a signed-in caller: send a bearer token. */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** The caller is signed in but lacks the role the operation needs. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** The node changed since the caller read it (stale {@code expectedVersion}); read it again and retry. */
    public static final String CONFLICT = "CONFLICT";
    // ---- GraphQL over HTTP: request errors answered before execution (io.communique.http) ----
    /** The HTTP request is not a well-formed GraphQL request (body not JSON, parameter of the wrong type, no query). */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** The body is a JSON array: batched operations are not accepted; send one request per operation. */
    public static final String BATCHING_NOT_SUPPORTED = "BATCHING_NOT_SUPPORTED";
    /** The request body is larger than the configured limit. */
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    /** The HTTP method cannot carry this request (any method but GET and POST; a mutation over GET). */
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    /** The Accept header admits neither application/graphql-response+json nor application/json. */
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    /** A POST body that is not declared as application/json in UTF-8. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    // ---- end of GraphQL over HTTP codes ----

    private ErrorCodes() {
    }
}
