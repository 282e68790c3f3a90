package io.communique.http;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.vertx.core.http.HttpServerResponse;

/**
 * Keeps a request's CDI request context, and so its Hibernate session, alive until its execution has
 * finished, even when the client goes away first.
 *
 * <p>SmallRye's handler ends the request context as soon as the response ends, fails or its connection
 * closes. A client that hangs up mid-execution (a phone losing coverage, a load generator stopping)
 * therefore had its session closed under the batch loaders still running on workers: statements
 * failed with "This statement has been closed", the following loaders with ContextNotActiveException,
 * and each of the request's remaining fields logged an INTERNAL error (about a hundred lines for the
 * canonical traversal). Now a hang-up during execution only marks the request as gone; the execution
 * completes on a live session, its answer is dropped, and the context is destroyed then. Execution is
 * bounded by the cost limit and the statement timeout, so finishing it costs at most what answering
 * would have.
 */
final class ExecutionLifetime {

    private final ManagedContext requestContext;
    private final InjectableContext.ContextState state;
    private boolean executing = true;
    private boolean gone;

    private ExecutionLifetime(ManagedContext requestContext) {
        this.requestContext = requestContext;
        this.state = requestContext.getState();
    }

    /**
     * Called with the request context active, just before execution starts: takes over the handlers
     * SmallRye's handler set on the response.
     */
    static ExecutionLifetime begin(HttpServerResponse response) {
        var lifetime = new ExecutionLifetime(Arc.container().requestContext());
        response.endHandler(ignored -> lifetime.responseOver())
                .exceptionHandler(ignored -> lifetime.responseOver())
                .closeHandler(ignored -> lifetime.responseOver());
        return lifetime;
    }

    /** The response ended, failed or lost its connection. */
    private void responseOver() {
        synchronized (this) {
            if (executing) {
                gone = true;
                return;
            }
        }
        // What SmallRye's handler does, on the thread and Vert.x context the response's events run on.
        SmallRyeContextManager.clearCurrentSmallRyeContext();
        requestContext.terminate();
    }

    /**
     * The execution has finished. True when the client is still there to be answered; false when it went
     * away meanwhile, in which case the request context has now been destroyed and nothing must be sent.
     */
    boolean finished() {
        synchronized (this) {
            executing = false;
            if (!gone) {
                return true;
            }
        }
        requestContext.destroy(state);
        return false;
    }
}
