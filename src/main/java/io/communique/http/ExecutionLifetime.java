package io.communique.http;

import io.communique.service.ClientPresence;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.vertx.core.http.HttpServerResponse;
import java.util.Objects;

/**
 * Keeps a request's CDI request context, and so its Hibernate session, alive until its execution has
 * finished, even when the client goes away first.
 *
 * <p>SmallRye's handler ends the request context as soon as the response ends, fails or its connection
 * closes. A client that hangs up mid-execution (a phone losing coverage, a load generator stopping)
 * therefore had its session closed under the batch loaders still running on workers: statements
 * failed with "This statement has been closed", the following loaders with ContextNotActiveException,
 * and each of the request's remaining fields logged an INTERNAL error (about a hundred lines for the
 * canonical traversal). Now a hang-up during execution only marks the request as gone, here and in its
 * {@link ClientPresence}: a statement already running finishes on a live session, the reads still to
 * come fail fast without a statement (GraphReader), the answer is dropped, and the context is
 * destroyed once the execution is over.
 */
final class ExecutionLifetime {

    private final ManagedContext requestContext;
    private final InjectableContext.ContextState state;
    // Whether the client has gone: one flag, the one GraphReader and OperationMetrics read too.
    private final ClientPresence client;
    private boolean executing = true;

    private ExecutionLifetime(ManagedContext requestContext) {
        this.requestContext = requestContext;
        this.state = requestContext.getState();
        this.client = Objects.requireNonNull(ClientPresence.current(), "begin() runs with the request context active");
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
                client.markGone();
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
            if (!client.gone()) {
                return true;
            }
        }
        requestContext.destroy(state);
        return false;
    }
}
