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
    /** The request carries no or invalid credentials. Reserved: the API has no authentication yet. */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** The caller may not see or do this. Reserved: the API has no authorisation yet. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** The document is not valid GraphQL syntax, or there is no document at all. */
    public static final String PARSE_FAILED = "PARSE_FAILED";
    /** The document does not fit the schema: unknown field, missing argument, literal of the wrong type... */
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    /** The operation nests fields deeper than the depth limit. */
    public static final String QUERY_TOO_DEEP = "QUERY_TOO_DEEP";
    /** The operation's estimated cost exceeds the cost budget. */
    public static final String QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";
    /** The document has more lexical tokens than the parser accepts. */
    public static final String TOO_MANY_TOKENS = "TOO_MANY_TOKENS";
    /** The operation uses more aliases than allowed. */
    public static final String TOO_MANY_ALIASES = "TOO_MANY_ALIASES";
    /** The operation uses more directives than allowed. */
    public static final String TOO_MANY_DIRECTIVES = "TOO_MANY_DIRECTIVES";
    /** The database cancelled a statement that ran past the statement timeout. */
    public static final String TIMEOUT = "TIMEOUT";
    /** A fault on the server; the response carries a correlation id that the server log also names. */
    public static final String INTERNAL = "INTERNAL";

    private ErrorCodes() {
    }
}
