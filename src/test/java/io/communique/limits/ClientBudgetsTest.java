package io.communique.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The leaky bucket on a clock the test moves, so that refills are exact and nothing waits. */
class ClientBudgetsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ClientBudgets budgets = new ClientBudgets(100, 10, 100, now::get);

    private void advance(double seconds) {
        now.addAndGet((long) (seconds * TimeUnit.SECONDS.toNanos(1)));
    }

    @Test
    void aNewClientHoldsTheWholeBudgetAndSpendsItOperationByOperation() {
        assertTrue(budgets.charge("a", 60).isEmpty());
        assertTrue(budgets.charge("a", 40).isEmpty());
        var refused = budgets.charge("a", 1).orElseThrow();
        assertEquals(0, refused.available());
        assertEquals(100, refused.maximum());
        assertEquals(10.0, refused.restorePerSecond());
        assertEquals(1, refused.retryAfterSeconds(), "one point comes back in 0.1 s, rounded up to a whole second");
    }

    @Test
    void aRefusalTakesNothingAndSaysWhenTheOperationWouldFit() {
        assertTrue(budgets.charge("a", 70).isEmpty());
        var refused = budgets.charge("a", 60).orElseThrow();
        assertEquals(30, refused.available());
        assertEquals(3, refused.retryAfterSeconds(), "30 points are missing at 10 a second");
        advance(2.9);
        assertEquals(59, budgets.charge("a", 60).orElseThrow().available(), "the refusals took nothing");
        advance(0.1);
        assertTrue(budgets.charge("a", 60).isEmpty(), "after the 3 s it was told, it fits");
        assertEquals(0, budgets.charge("a", 1).orElseThrow().available());
    }

    @Test
    void pointsComeBackAtTheRestoreRateUpToTheBudget() {
        assertTrue(budgets.charge("a", 100).isEmpty());
        advance(5);
        assertEquals(50, budgets.charge("a", 51).orElseThrow().available());
        advance(3600);
        assertTrue(budgets.charge("a", 100).isEmpty(), "an hour restores the budget, and no more");
        assertFalse(budgets.charge("a", 1).isEmpty());
    }

    @Test
    void aClientsStandingIsReadWithoutChargingIt() {
        assertEquals(new ClientBudgets.Standing(100, 100, 0), budgets.standing("a"), "never charged: full");
        assertEquals(0, budgets.held(), "reading creates no bucket");
        assertTrue(budgets.charge("a", 75).isEmpty());
        assertEquals(new ClientBudgets.Standing(25, 100, 8), budgets.standing("a"), "75 points back at 10 a second");
        assertEquals(new ClientBudgets.Standing(25, 100, 8), budgets.standing("a"));
        advance(7.5);
        assertEquals(new ClientBudgets.Standing(100, 100, 0), budgets.standing("a"));
    }

    @Test
    void aRefusalWritesTheRestoreRateAsConfigured() {
        var whole = QueryGuard.rateLimited(new ClientBudgets.Refusal(60, 40, 100_000, 1000, 1));
        assertEquals(1000L, ((Map<?, ?>) whole.getExtensions().get("throttleStatus")).get("restoreRate"));
        assertEquals("This operation costs 60 points and this client has 40 of its 100000 left, which come back at 1000 a"
                + " second: retry in 1 s, or ask for fewer items.", whole.getMessage());
        var fraction = QueryGuard.rateLimited(new ClientBudgets.Refusal(1, 0, 100, 0.5, 2));
        assertEquals(0.5, ((Map<?, ?>) fraction.getExtensions().get("throttleStatus")).get("restoreRate"));
        assertTrue(fraction.getMessage().startsWith("This operation costs 1 point and this client has 0 of its 100 left,"
                + " which come back at 0.5 a second"), fraction.getMessage());
    }

    @Test
    void everyOperationCostsAtLeastOnePoint() {
        for (int i = 0; i < 100; i++) {
            assertTrue(budgets.charge("a", 0).isEmpty(), "operation " + i);
        }
        assertEquals(0, budgets.charge("a", 0).orElseThrow().available());
    }

    @Test
    void clientsSpendBudgetsOfTheirOwn() {
        assertTrue(budgets.charge("a", 100).isEmpty());
        assertTrue(budgets.charge("b", 100).isEmpty());
        assertFalse(budgets.charge("a", 1).isEmpty());
        assertFalse(budgets.charge("b", 1).isEmpty());
    }

    @Test
    void bucketsThatFilledUpAgainAreDroppedWhenTheirNumberGrows() {
        for (int i = 0; i < 9_999; i++) {
            budgets.charge("client " + i, 100);
        }
        assertEquals(9_999, budgets.held());
        advance(10); // every one of them is full again
        assertTrue(budgets.charge("latecomer", 100).isEmpty());
        assertEquals(1, budgets.held(), "only the bucket still below its budget is kept");
        assertFalse(budgets.charge("latecomer", 1).isEmpty());
        assertTrue(budgets.charge("client 0", 100).isEmpty(), "a dropped bucket starts full, as it was");
    }

    @Test
    void budgetsAreOffAtZeroAndChargeNothing() {
        var off = new ClientBudgets(0, 1000, 50_000, now::get);
        assertFalse(off.enabled());
        for (int i = 0; i < 1000; i++) {
            assertTrue(off.charge("a", 50_000).isEmpty());
        }
        assertEquals(0, off.held());
    }

    @Test
    void aBudgetThatCouldNotHoldTheCostLimitIsRefusedAtStart() {
        var tooSmall = assertThrows(IllegalArgumentException.class, () -> new ClientBudgets(49_999, 1000, 50_000, now::get));
        assertTrue(tooSmall.getMessage().contains("communique.limits.client-budget"), tooSmall.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClientBudgets(-1, 1000, 50_000, now::get));
        var noRestore = assertThrows(IllegalArgumentException.class, () -> new ClientBudgets(50_000, 0, 50_000, now::get));
        assertTrue(noRestore.getMessage().contains("client-budget-restore-rate"), noRestore.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClientBudgets(50_000, Double.NaN, 50_000, now::get));
    }
}
