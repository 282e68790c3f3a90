package io.communique.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionGateTest {

    /** Long enough that no place is given up by patience while a test looks. */
    static final long PATIENT = Duration.ofHours(1).toMillis();

    private final Vertx vertx = Vertx.vertx();
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<ExecutionGate.Place> places = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void enter(ExecutionGate gate, String name) {
        gate.enter(place -> {
            places.add(place);
            started.add(name);
        });
    }

    @Test
    void executionsBeyondTheLimitWaitTheirTurnInArrivalOrder() {
        var gate = new ExecutionGate(vertx, 2, PATIENT);
        enter(gate, "a");
        enter(gate, "b");
        enter(gate, "c");
        enter(gate, "d");
        assertEquals(List.of("a", "b"), started);

        places.get(1).giveUp();
        assertEquals(List.of("a", "b", "c"), started);
        places.get(0).giveUp();
        assertEquals(List.of("a", "b", "c", "d"), started);
    }

    @Test
    void aPlaceIsGivenUpOnceHoweverOftenItsExecutionSaysSo() {
        var gate = new ExecutionGate(vertx, 1, PATIENT);
        enter(gate, "a");
        places.get(0).giveUp();
        places.get(0).giveUp();
        enter(gate, "b");
        enter(gate, "c");
        // A second give-up of a's place would have let c in beside b.
        assertEquals(List.of("a", "b"), started);
    }

    @Test
    void anExecutionThatRunsPastItsPatienceLetsTheNextOneIn() {
        // a never ends, as a request waiting on a row lock would not for seconds: b must not wait for it.
        var gate = new ExecutionGate(vertx, 1, 50);
        enter(gate, "a");
        enter(gate, "b");
        await().atMost(Duration.ofSeconds(10)).until(() -> started.equals(List.of("a", "b")));
    }
}
