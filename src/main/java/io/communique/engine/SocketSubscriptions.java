package io.communique.engine;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Subscription;

/**
 * The subscriptions one WebSocket carries, ended when the socket closes, including those whose
 * execution finishes after it closed.
 *
 * <p>SmallRye runs a {@code subscribe} asynchronously and registers its subscriber only once the
 * execution returns; closing the socket ends the subscribers registered by then. A socket closed in
 * between (a client dropping its connection right after subscribing, or closed by the server for its
 * next message) left that subscription attached to the event stream with nobody to read it, until
 * events made it overflow: 8 of 50 such sockets did. Here a subscription is attached to its socket as
 * it starts, and one starting on a closed socket is cancelled at once.
 */
public final class SocketSubscriptions {

    /** The key under which a socket's instance travels in its executions' metadata. */
    public static final String KEY = SocketSubscriptions.class.getName();

    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** The instance of the socket an execution came from, or null for an HTTP request. */
    static SocketSubscriptions of(Map<String, Object> metaData) {
        return metaData != null && metaData.get(KEY) instanceof SocketSubscriptions s ? s : null;
    }

    /** Cancels every subscription of the socket, and every one that starts from now on. */
    public void close() {
        closed = true;
        open.forEach(Subscription::cancel);
        open.clear();
    }

    /**
     * Attaches a subscription that has just started. Added before {@code closed} is read, and
     * {@link #close} sets it before reading the set: whichever runs second sees the other, so no
     * subscription escapes both.
     */
    void started(Subscription subscription) {
        open.add(subscription);
        if (closed) {
            open.remove(subscription);
            subscription.cancel();
        }
    }

    /** A subscription that completed, failed or was cancelled by its subscriber. */
    void ended(Subscription subscription) {
        open.remove(subscription);
    }
}
