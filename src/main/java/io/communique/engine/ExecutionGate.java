package io.communique.engine;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * How many queries and mutations run at once: at most {@code limit}, the rest wait their turn in
 * arrival order. An execution that has run for {@code patienceMillis} gives its place up (it is likely
 * waiting on the database: a row lock, a slow statement) and runs on outside the count, so that
 * waiting requests never wait behind it for longer than that.
 *
 * <p>Every execution on a worker of its own (NormalizingExecutionService) let all 16 of a benchmark's
 * connections share two cores at once, and the canonical traversal's p99 rose by a quarter over the
 * event loops' two at a time, at the same throughput and CPU per request (bench/README.md, 03:38). A
 * bound alone would bring back what the workers fixed, one lock wait stalling everything behind it;
 * giving the place up after a while bounds that stall.
 */
final class ExecutionGate {

    private final Vertx vertx;
    private final int limit;
    private final long patienceMillis;
    private final ArrayDeque<Consumer<Place>> waiting = new ArrayDeque<>();
    private int counted;

    ExecutionGate(Vertx vertx, int limit, long patienceMillis) {
        this.vertx = vertx;
        this.limit = limit;
        this.patienceMillis = patienceMillis;
    }

    /** Calls {@code start} with a place now or once one is free; the execution gives it up when it ends. */
    void enter(Consumer<Place> start) {
        synchronized (this) {
            if (counted >= limit) {
                waiting.add(start);
                return;
            }
            counted++;
        }
        start.accept(new Place());
    }

    private void handOn() {
        Consumer<Place> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                counted--;
                return;
            }
        }
        next.accept(new Place());
    }

    /** One execution's place in the count. */
    final class Place {
        private final AtomicBoolean given = new AtomicBoolean();
        private final long timer;

        private Place() {
            timer = vertx.setTimer(patienceMillis, id -> giveUp());
        }

        /** Gives the place to the next waiting execution, if it still holds it; any number of calls. */
        void giveUp() {
            if (given.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                handOn();
            }
        }
    }
}
