package io.communique.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Operation names are client input: the number of series they create is bounded. */
class OperationMetricsTest {

    @Test
    void namesAreCutAndCappedAndUnnamedOperationsAreAnonymous() {
        var metrics = new OperationMetrics(new SimpleMeterRegistry(), 2);
        assertEquals("anonymous", metrics.bounded(null));
        assertEquals("anonymous", metrics.bounded(""));
        assertEquals("First", metrics.bounded("First"));
        assertEquals("x".repeat(64), metrics.bounded("x".repeat(100)));
        assertEquals("other", metrics.bounded("Third"), "past the cap, new names share one series");
        assertEquals("First", metrics.bounded("First"), "names seen before keep their series");
    }
}
