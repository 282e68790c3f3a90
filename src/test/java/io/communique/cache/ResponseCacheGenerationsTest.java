package io.communique.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep a stored answer from outliving its data, on the cache alone: each race an
 * execution can lose (a change during it, the listener breaking during it) is played in order here,
 * where over HTTP it would need the timing to fall just so.
 */
class ResponseCacheGenerationsTest {

    private static final ResponseCache.Key KEY = new ResponseCache.Key("{ nations { totalCount } }", null, "{}");
    private static final byte[] ANSWER = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);

    private static ResponseCache listeningCache() {
        ResponseCache cache = new ResponseCache(new SimpleMeterRegistry(), new MemorySize(BigInteger.valueOf(1 << 20)),
                Duration.ofSeconds(60));
        cache.listening(true);
        return cache;
    }

    private static ResponseCache.Ticket cacheableTicket(ResponseCache cache) {
        ResponseCache.Ticket ticket = cache.ticket(KEY).orElseThrow();
        ticket.cacheable();
        return ticket;
    }

    @Test
    void anAnswerIsServedUntilTheDataChanges() {
        ResponseCache cache = listeningCache();
        cache.offer(cacheableTicket(cache), ANSWER);
        assertArrayEquals(ANSWER, cache.lookUp(KEY).orElseThrow());
        cache.invalidate();
        assertTrue(cache.lookUp(KEY).isEmpty());
    }

    @Test
    void anExecutionDuringWhichTheDataChangedIsNotStored() {
        ResponseCache cache = listeningCache();
        ResponseCache.Ticket ticket = cacheableTicket(cache);
        cache.invalidate(); // a commit heard while the query ran: it may have read either side
        cache.offer(ticket, ANSWER);
        assertTrue(cache.lookUp(KEY).isEmpty());
    }

    @Test
    void onlyWhatTheEngineFoundCacheableIsStored() {
        ResponseCache cache = listeningCache();
        cache.offer(cache.ticket(KEY).orElseThrow(), ANSWER); // a mutation, or a query of `changes`
        assertTrue(cache.lookUp(KEY).isEmpty());
    }

    @Test
    void nothingIsServedOrStoredWhileChangesCannotBeHeard() {
        ResponseCache cache = listeningCache();
        cache.offer(cacheableTicket(cache), ANSWER);
        ResponseCache.Ticket running = cacheableTicket(cache);
        cache.listening(false);
        assertTrue(cache.lookUp(KEY).isEmpty(), "served while notices could be missed");
        assertTrue(cache.ticket(KEY).isEmpty(), "a ticket issued while notices could be missed");
        cache.offer(running, ANSWER);
        cache.listening(true);
        assertTrue(cache.lookUp(KEY).isEmpty(), "an answer from before the break outlived it");
    }

    @Test
    void aSizeOfZeroTurnsTheCacheOff() {
        ResponseCache cache = new ResponseCache(new SimpleMeterRegistry(), new MemorySize(BigInteger.ZERO),
                Duration.ofSeconds(60));
        cache.listening(true);
        assertFalse(cache.enabled());
        assertTrue(cache.ticket(KEY).isEmpty());
        assertTrue(cache.lookUp(KEY).isEmpty());
    }
}
