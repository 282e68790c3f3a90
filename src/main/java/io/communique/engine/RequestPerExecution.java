package io.communique.engine;

import java.util.Map;

/**
 * Given, in an execution's metadata under {@link #KEY}, by a transport whose executions all arrive
 * within one HTTP request: a WebSocket's operations come in the request that upgraded it, and would
 * share its CDI request context, and so its Hibernate session, which is not thread-safe. Since
 * {@link NormalizingExecutionService} runs each query and mutation on a worker of its own, two
 * operations of one socket may run at once: each gets a request of its own from this.
 */
public interface RequestPerExecution {

    String KEY = RequestPerExecution.class.getName();

    /**
     * Called on the worker that runs the execution, in a Vert.x context of the execution's own: begins
     * its request (activates a new request context, with the caller's identity) and records its state in
     * {@code metaData}, where SmallRye's fetchers look for it. Returns what ends the request, which the
     * execution service calls once the execution's answer has been written.
     */
    Runnable begin(Map<String, Object> metaData);
}
