package io.communique.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each client's budget of cost points, after Shopify's leaky bucket (README, "Limits"): a client holds
 * at most {@code client-budget} points, every operation it runs takes its cost (at least 1), and the
 * points come back at {@code client-budget-restore-rate} a second. An operation that costs more than
 * the client holds is refused, takes nothing, and is told when it would fit. The cost limit stops any
 * single operation larger than the budget, so every operation fits a full bucket.
 *
 * <p>Buckets live in this instance's memory: with several instances, a client holds a budget on each.
 * A bucket that has filled up again is the same as none, so such buckets are dropped whenever the
 * number held doubles, which keeps memory in proportion to the clients of the last few minutes.
 */
@ApplicationScoped
@Startup // a budget that could never hold the cost limit stops the start, not every request after it
public class ClientBudgets {

    /** Where a transport puts the client's key in an execution's metadata (and so its GraphQL context). */
    public static final String CLIENT = ClientBudgets.class.getName() + ".client";

    private static final int FIRST_SWEEP_AT = 10_000;

    private final long budget;
    private final double restorePerSecond;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile int sweepAt = FIRST_SWEEP_AT;

    private Counter refusals;

    @Inject
    public ClientBudgets(LimitsConfig limits, MeterRegistry registry) {
        this(limits.clientBudget(), limits.clientBudgetRestoreRate(), limits.maxCost(), System::nanoTime);
        if (enabled()) {
            refusals = Counter.builder("communique.client.budget.refusals")
                    .description("Operations refused with RATE_LIMITED: their client had spent its budget of cost points")
                    .register(registry);
            Gauge.builder("communique.client.budget.buckets", buckets, Map::size)
                    .description("Clients whose budget this instance holds below full (a full one is forgotten)")
                    .register(registry);
        }
    }

    ClientBudgets(long budget, double restorePerSecond, long maxCost, LongSupplier nanoTime) {
        if (budget < 0 || budget > 0 && budget < maxCost) {
            throw new IllegalArgumentException("communique.limits.client-budget is " + budget
                    + ": it must be 0 (no budgets) or at least communique.limits.max-cost (" + maxCost
                    + "), or an operation within the cost limit could never run");
        }
        if (budget > 0 && !(restorePerSecond > 0 && Double.isFinite(restorePerSecond))) {
            throw new IllegalArgumentException("communique.limits.client-budget-restore-rate is " + restorePerSecond
                    + ": it must be a positive number of points a second");
        }
        this.budget = budget;
        this.restorePerSecond = restorePerSecond;
        this.nanoTime = nanoTime;
    }

    /** Whether budgets are kept at all ({@code client-budget} above 0). */
    public boolean enabled() {
        return budget > 0;
    }

    /** What a refused client is told: the points the operation would take, and the budget's state. */
    public record Refusal(long points, long available, long maximum, double restorePerSecond, long retryAfterSeconds) {
    }

    /**
     * Takes {@code cost} points (at least 1) from the client's bucket, or takes nothing and says why not.
     */
    public Optional<Refusal> charge(String client, long cost) {
        if (!enabled()) {
            return Optional.empty();
        }
        long points = Math.max(1, cost);
        long now = nanoTime.getAsLong();
        Refusal[] refused = new Refusal[1];
        buckets.compute(client, (key, bucket) -> {
            double level = bucket == null ? budget : bucket.levelAt(now, budget, restorePerSecond);
            if (level < points) {
                long retryAfter = Math.max(1, (long) Math.ceil((points - level) / restorePerSecond));
                refused[0] = new Refusal(points, (long) Math.floor(level), budget, restorePerSecond, retryAfter);
            } else {
                level -= points;
            }
            return new Bucket(level, now);
        });
        if (buckets.size() >= sweepAt) {
            sweep(now);
        }
        if (refused[0] != null && refusals != null) {
            refusals.increment();
        }
        return Optional.ofNullable(refused[0]);
    }

    /** A client's budget as it stands: points held, the most it can hold, and when it will hold that many again. */
    public record Standing(long available, long maximum, long fullAfterSeconds) {
    }

    /** The client's budget now, without charging it; a client never charged holds the whole budget. */
    public Standing standing(String client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(client);
        double level = bucket == null ? budget : bucket.levelAt(now, budget, restorePerSecond);
        long fullAfter = level >= budget ? 0 : (long) Math.ceil((budget - level) / restorePerSecond);
        return new Standing((long) Math.floor(level), budget, fullAfter);
    }

    /** Buckets held, for tests and metrics. */
    int held() {
        return buckets.size();
    }

    private synchronized void sweep(long now) {
        if (buckets.size() < sweepAt) {
            return; // another thread swept
        }
        buckets.entrySet().removeIf(e -> e.getValue().levelAt(now, budget, restorePerSecond) >= budget);
        sweepAt = Math.max(FIRST_SWEEP_AT, 2 * buckets.size());
    }

    /** Points held at {@code updated}; immutable, replaced at every charge under the map's per-key lock. */
    private record Bucket(double level, long updated) {

        double levelAt(long now, long budget, double restorePerSecond) {
            double restored = Math.max(0, now - updated) / 1e9 * restorePerSecond;
            return Math.min(budget, level + restored);
        }
    }
}
