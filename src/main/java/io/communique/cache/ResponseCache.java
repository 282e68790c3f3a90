package io.communique.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers to anonymous queries, kept until the data changes (README, "Response cache").
 *
 * <p>An answer is only as good as the data it was read from, so every entry carries the
 * <em>generation</em> of the data at the moment its execution began, and is served only while the
 * generation is still the same. The generation moves on:
 * <ul>
 * <li>when the database says a transaction that wrote any table an answer reads from has committed
 * (V16's {@code communique_data_changed} notice, heard by {@link io.communique.live.EventListener}):
 * every writer, on any instance or none, is seen this way;
 * <li>when a mutation on this instance has finished, before its answer is sent, so that its client's
 * next read here never waits for the notice;
 * <li>when the listening connection breaks, and again when it listens once more: notices sent in
 * between are lost, so nothing is served or stored from the cache until it is back.
 * </ul>
 * An execution during which the generation moved is not stored: it may have read either side of the
 * change. An entry is also dropped after {@code communique.response-cache.max-age} whatever happens,
 * which bounds what a notice lost without the connection breaking (a network partition, for as long
 * as the listener takes to notice it) could leave behind.
 */
@ApplicationScoped
public class ResponseCache {

    /** The channel V16's triggers notify. */
    public static final String CHANNEL = "communique_data_changed";
    /** Where a request's {@link Ticket} travels in the execution's metadata (and so its GraphQL context). */
    public static final String TICKET = ResponseCache.class.getName() + ".ticket";

    /** A request, as far as its answer depends on it: an anonymous caller's document, operation and variables. */
    public record Key(String query, String operationName, String variables) {

        long weight() {
            // Java strings take up to two bytes a character.
            return 2L * (query.length() + (operationName == null ? 0 : operationName.length())
                    + (variables == null ? 0 : variables.length()));
        }
    }

    private record Entry(long generation, byte[] body) {
    }

    /**
     * One execution's claim to store its answer: its key and the generation when it began. The engine
     * marks it once it knows the operation is a query whose answer depends only on the data
     * ({@link #cacheable()}); nothing else is ever stored.
     */
    public static final class Ticket {
        private final Key key;
        private final long generation;
        private volatile boolean cacheable;

        private Ticket(Key key, long generation) {
            this.key = key;
            this.generation = generation;
        }

        public void cacheable() {
            cacheable = true;
        }
    }

    private final Cache<Key, Entry> entries;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private final Counter hits;
    private final Counter misses;
    private final Counter stored;

    public ResponseCache(MeterRegistry registry,
            @ConfigProperty(name = "communique.response-cache.size", defaultValue = "32M") MemorySize size,
            @ConfigProperty(name = "communique.response-cache.max-age", defaultValue = "60s") Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("communique.response-cache.max-age must not be negative, not " + maxAge);
        }
        long bytes = size.asLongValue();
        this.entries = bytes <= 0 || maxAge.isZero() ? null
                : Caffeine.newBuilder()
                        .maximumWeight(bytes)
                        .weigher((Key key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, key.weight() + entry.body().length))
                        .expireAfterWrite(maxAge)
                        .build();
        this.hits = lookups(registry, "hit");
        this.misses = lookups(registry, "miss");
        this.stored = Counter.builder("communique.response_cache.stored")
                .description("Answers this instance stored in its response cache").register(registry);
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("communique.response_cache.lookups")
                .description("Anonymous queries looked up in the response cache, by result: hit (answered from it) or"
                        + " miss (executed)")
                .tag("result", result).register(registry);
    }

    /** Whether this instance caches at all (a size and a max-age above zero). */
    public boolean enabled() {
        return entries != null;
    }

    /** The stored answer to this request, if it is still current. Never blocks. */
    public Optional<byte[]> lookUp(Key key) {
        if (entries == null || !listening) {
            return Optional.empty();
        }
        Entry entry = entries.getIfPresent(key);
        if (entry == null || entry.generation() != generation.get()) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(entry.body());
    }

    /** A ticket for an execution about to begin, or empty when nothing it answers could be stored. */
    public Optional<Ticket> ticket(Key key) {
        if (entries == null || !listening) {
            return Optional.empty();
        }
        return Optional.of(new Ticket(key, generation.get()));
    }

    /** Stores an execution's answer (200, data, no error) if the engine found it cacheable and the data has not moved since. */
    public void offer(Ticket ticket, byte[] body) {
        if (entries == null || !ticket.cacheable || !listening || generation.get() != ticket.generation) {
            return;
        }
        // Tagged with the generation it began in: should the data move between the check above and
        // this put, the entry is never served.
        entries.put(ticket.key, new Entry(ticket.generation, body));
        stored.increment();
    }

    /** The data has changed: nothing stored so far is served again. */
    public void invalidate() {
        generation.incrementAndGet();
        if (entries != null) {
            entries.invalidateAll(); // the generation already retires them; this gives their memory back
        }
    }

    /** Changes are heard from now on (LISTEN is in force), or no longer (the connection broke). */
    public void listening(boolean listening) {
        this.listening = listening;
        // After the flag: a ticket issued before it, in the old state, can no longer store.
        invalidate();
    }

    /** The current generation, for tests that wait on a change being heard. */
    public long generation() {
        return generation.get();
    }
}
