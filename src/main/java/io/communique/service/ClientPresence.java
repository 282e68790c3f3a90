package io.communique.service;

import jakarta.enterprise.context.RequestScoped;

/**
 * Whether the client of the current HTTP request is still there to be answered. The HTTP layer marks
 * it gone when the connection closes while the request executes (its answer will be dropped);
 * {@link GraphReader} then issues no further statement for it.
 */
@RequestScoped
public class ClientPresence {

    // Set on the connection's event loop, read on the workers that run the batch loaders.
    private volatile boolean gone;

    /** Called on the instance itself (not through the CDI proxy): the event loop has no request context. */
    public void markGone() {
        gone = true;
    }

    public boolean gone() {
        return gone;
    }
}
