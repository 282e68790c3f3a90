package io.communique.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep a stored answer from outliving its data, on the cache alone: each race an
 * execution can lose (a change during it, the listener breaking during it) is played in order here,
 * where over HTTP it would need the timing to fall just so.
 */
class ResponseCacheGenerationsTest {

    private static final ResponseCache.Key KEY = new ResponseCache.Key("{ nations { totalCount } }", null, "{}");
    private static final ResponseCache.Answer ANSWER = new ResponseCache.Answer("{\"data\":{}}".getBytes(StandardCharsets.UTF_8));

    private static ResponseCache listeningCache() {
        ResponseCache cache = new ResponseCache(new SimpleMeterRegistry(), new MemorySize(BigInteger.valueOf(1 << 20)),
                Duration.ofSeconds(60));
        cache.listening(true);
        return cache;
    }

    /** A request for KEY that finds nothing stored and no flight: it leads one. */
    private static ResponseCache.Ticket lead(ResponseCache cache) {
        return cache.admit(KEY, true, body -> {
            throw new AssertionError("a leader was handed an answer");
        }).ticket();
    }

    /** The stored answer a request for KEY is sent, or null. */
    private static ResponseCache.Answer stored(ResponseCache cache) {
        return cache.admit(KEY, false, body -> {
        }).stored();
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
        assertSame(ANSWER, stored(cache));
        cache.invalidate();
        assertNull(stored(cache));
    }

    @Test
    void anExecutionDuringWhichTheDataChangedIsNotStored() {
        ResponseCache cache = listeningCache();
        ResponseCache.Ticket ticket = cacheableTicket(cache);
        cache.invalidate(); // a commit heard while the query ran: it may have read either side
        cache.offer(ticket, ANSWER);
        assertNull(stored(cache));
    }

    @Test
    void onlyWhatTheEngineFoundCacheableIsStored() {
        ResponseCache cache = listeningCache();
        cache.offer(cache.ticket(KEY).orElseThrow(), ANSWER); // a mutation, or a query of `changes`
        assertNull(stored(cache));
    }

    @Test
    void nothingIsServedOrStoredWhileChangesCannotBeHeard() {
        ResponseCache cache = listeningCache();
        cache.offer(cacheableTicket(cache), ANSWER);
        ResponseCache.Ticket running = cacheableTicket(cache);
        cache.listening(false);
        assertNull(stored(cache), "served while notices could be missed");
        assertTrue(cache.ticket(KEY).isEmpty(), "a ticket issued while notices could be missed");
        cache.offer(running, ANSWER);
        cache.listening(true);
        assertNull(stored(cache), "an answer from before the break outlived it");
    }

    @Test
    void aSizeOfZeroTurnsTheCacheOff() {
        ResponseCache cache = new ResponseCache(new SimpleMeterRegistry(), new MemorySize(BigInteger.ZERO),
                Duration.ofSeconds(60));
        cache.listening(true);
        assertFalse(cache.enabled());
        assertTrue(cache.ticket(KEY).isEmpty());
        assertNull(stored(cache));
    }

    @Test
    void requestsForAnAnswerBeingMadeWaitForIt() {
        ResponseCache cache = listeningCache();
        ResponseCache.Ticket leader = lead(cache);
        assertNotNull(leader, "the first request makes the answer");
        List<ResponseCache.Answer> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ResponseCache.Admission follower = cache.admit(KEY, true, received::add);
            assertTrue(follower.joined(), "request " + i + " ran the query again");
        }
        leader.cacheable();
        cache.offer(leader, ANSWER);
        assertEquals(3, received.size());
        received.forEach(body -> assertSame(ANSWER, body));
        assertSame(ANSWER, stored(cache));
    }

    @Test
    void followersRunTheirOwnWhenTheLeaderStoresNothing() {
        ResponseCache cache = listeningCache();
        ResponseCache.Ticket leader = lead(cache);
        List<ResponseCache.Answer> received = new ArrayList<>();
        assertTrue(cache.admit(KEY, true, received::add).joined());
        cache.offer(leader, ANSWER); // never marked cacheable: an answer with an error, say
        assertEquals(1, received.size());
        assertNull(received.get(0), "a follower was handed an answer that was not stored");
        assertNotNull(lead(cache), "the flight was left behind: the next request would wait for nothing");
    }

    @Test
    void aChangeDuringAFlightStartsAnotherForLaterRequests() {
        ResponseCache cache = listeningCache();
        ResponseCache.Ticket before = lead(cache);
        List<ResponseCache.Answer> received = new ArrayList<>();
        assertTrue(cache.admit(KEY, true, received::add).joined());
        cache.invalidate();
        ResponseCache.Ticket after = lead(cache);
        assertNotNull(after, "a request after the change waited for an answer read before it");
        before.cacheable();
        cache.offer(before, ANSWER);
        assertNull(received.get(0), "the answer read before the change was handed on");
        assertTrue(cache.admit(KEY, true, body -> {
        }).joined(), "the later flight was dropped with the earlier one");
    }

    @Test
    void aStoredAnswersValidatorIsMadeOnceForEveryRequestThatSendsIt() {
        ResponseCache cache = listeningCache();
        var answer = new ResponseCache.Answer("{\"data\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8));
        cache.offer(cacheableTicket(cache), answer);
        AtomicInteger made = new AtomicInteger();
        Function<byte[], String> tag = body -> "W/\"" + made.incrementAndGet() + "\"";
        for (int i = 0; i < 3; i++) {
            assertEquals("W/\"1\"", stored(cache).validator(tag), "request " + i);
        }
        assertEquals(1, made.get(), "the stored bytes were hashed again");
    }
}
