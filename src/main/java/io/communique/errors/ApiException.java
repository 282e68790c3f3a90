package io.communique.errors;

/**
 * Base of the errors a client can act on. Its message is shown to clients as is, so it must name
 * the argument at fault and never carry internals (class names, SQL, stack traces). Each subclass
 * carries its {@code extensions.code} in a SmallRye {@code @ErrorCode} annotation.
 */
public abstract class ApiException extends RuntimeException {
    protected ApiException(String message) {
        // No stack trace: these are expected outcomes of bad input, not faults worth tracing.
        super(message, null, false, false);
    }
}
