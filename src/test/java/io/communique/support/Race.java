package io.communique.support;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Requests sent at the same moment, for tests of what happens when they meet. */
public final class Race {

    private Race() {
    }

    /**
     * Calls {@code request} with 0 to {@code n - 1}, each on a thread of its own, all released by one
     * latch, and returns the responses in that order (each waited for at most 60 s).
     */
    public static List<JsonPath> of(int n, IntFunction<JsonPath> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<JsonPath> responses = new ArrayList<>();
            for (Future<JsonPath> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
