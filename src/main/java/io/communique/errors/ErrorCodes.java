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

    private ErrorCodes() {
    }
}
