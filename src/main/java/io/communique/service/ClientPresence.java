package io.communique.service;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.RequestScoped;

/**
 * Whether the client of the current HTTP request is still there to be answered. The HTTP layer marks
 * it gone when the connection closes while the request executes (its answer will be dropped);
 * {@link GraphReader} then issues no further statement for it.
 */
@RequestScoped
public class ClientPresence {

    // Set on the connection's event loop, read on the worker that runs the execution.
    private volatile boolean gone;

    /**
     * The current request's instance itself, not its CDI proxy, so that it can be read and marked on
     * threads without the request context (the connection's event loop); null outside a request.
     */
    public static ClientPresence current() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        return ClientProxy.unwrap(container.instance(ClientPresence.class).get());
    }

    /** Called on the instance itself (see {@link #current()}). */
    public void markGone() {
        gone = true;
    }

    public boolean gone() {
        return gone;
    }
}
