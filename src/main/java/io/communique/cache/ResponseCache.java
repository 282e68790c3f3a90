package io.communique.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * change.
 *
 * <p>Requests for an answer that is being made wait for it rather than make it again
 * ({@link #admit}): after a write, a hot query arriving from many clients at once runs once, not once
 * per client. The first becomes the <em>leader</em>; the others follow its {@link Flight}, and get its
 * answer if it was stored, or else run their own. An entry is also dropped after {@code communique.response-cache.max-age} whatever happens,
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

    private record Entry(long generation, Answer answer) {
    }

    /**
     * A stored answer: its bytes, and the validator a GET's answer carries (an ETag), made from them the
     * first time a request needs it and kept, so that a hot GET answered from the cache does not hash
     * the same bytes on every request.
     */
    public static final class Answer {
        private final byte[] body;
        private volatile String validator;

        public Answer(byte[] body) {
            this.body = body;
        }

        public byte[] body() {
            return body;
        }

        /** The validator {@code make} gives for these bytes; computed at most once per answer but for races, which agree. */
        public String validator(Function<byte[], String> make) {
            String made = validator;
            if (made == null) {
                made = make.apply(body);
                validator = made;
            }
            return made;
        }
    }

    /**
     * One execution's claim to store its answer: its key and the generation when it began. The engine
     * marks it once it knows the operation is a query whose answer depends only on the data
     * ({@link #cacheable()}); nothing else is ever stored. A leader's ticket carries the flight its
     * followers wait on.
     */
    public static final class Ticket {
        private final Key key;
        private final long generation;
        private final Flight flight;
        private volatile boolean cacheable;

        private Ticket(Key key, long generation, Flight flight) {
            this.key = key;
            this.generation = generation;
            this.flight = flight;
        }

        public void cacheable() {
            cacheable = true;
        }
    }

    /** An answer being made: the requests that wait for it. Lands once, with the stored answer or with none. */
    private static final class Flight {
        private final long generation;
        private final List<Consumer<Answer>> followers = new ArrayList<>();
        private boolean landed;

        Flight(long generation) {
            this.generation = generation;
        }

        synchronized boolean follow(Consumer<Answer> follower) {
            if (landed) {
                return false;
            }
            followers.add(follower);
            return true;
        }

        /** {@code answer}: the stored answer, or null when there is none and each follower must run its own. */
        void land(Answer answer) {
            List<Consumer<Answer>> waiting;
            synchronized (this) {
                if (landed) {
                    return;
                }
                landed = true;
                waiting = List.copyOf(followers);
                followers.clear();
            }
            waiting.forEach(follower -> follower.accept(answer));
        }
    }

    /**
     * What a request does: send {@code stored}, or wait (it {@code joined} a flight, and its follower will
     * be called), or execute, storing its answer with {@code ticket} if it has one.
     */
    public record Admission(Answer stored, boolean joined, Ticket ticket) {

        static final Admission EXECUTE = new Admission(null, false, null);
    }

    private final Cache<Key, Entry> entries;
    private final ConcurrentHashMap<Key, Flight> flights = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private final Counter hits;
    private final Counter misses;
    private final Counter joined;
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
                        .weigher((Key key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, key.weight() + entry.answer().body().length))
                        .expireAfterWrite(maxAge)
                        .build();
        this.hits = lookups(registry, "hit");
        this.misses = lookups(registry, "miss");
        this.joined = lookups(registry, "joined");
        this.stored = Counter.builder("communique.response_cache.stored")
                .description("Answers this instance stored in its response cache").register(registry);
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("communique.response_cache.lookups")
                .description("Anonymous queries looked up in the response cache, by result: hit (answered from it),"
                        + " joined (waited for the same query another request was running) or miss (executed)")
                .tag("result", result).register(registry);
    }

    /** Whether this instance caches at all (a size and a max-age above zero). */
    public boolean enabled() {
        return entries != null;
    }

    /**
     * Admits a request that may be answered from the cache: its stored answer if current; else, if
     * another request is making that answer now, {@code follower} is registered and will be called, on
     * the leader's thread, with the answer once stored or with null if there is none; else this request
     * executes, as the leader of a new flight when {@code store}.
     */
    public Admission admit(Key key, boolean store, Consumer<Answer> follower) {
        if (entries == null || !listening) {
            return Admission.EXECUTE;
        }
        Entry entry = entries.getIfPresent(key);
        long current = generation.get();
        if (entry != null && entry.generation() == current) {
            hits.increment();
            return new Admission(entry.answer(), false, null);
        }
        Admission[] admission = new Admission[1];
        flights.compute(key, (k, flight) -> {
            if (flight != null && flight.generation == current && flight.follow(follower)) {
                admission[0] = new Admission(null, true, null);
                return flight;
            }
            // The answer may have been stored, its flight landed and gone, since the look-up above.
            Entry stored = entries.getIfPresent(key);
            if (stored != null && stored.generation() == current) {
                admission[0] = new Admission(stored.answer(), false, null);
                return flight;
            }
            if (!store) {
                admission[0] = Admission.EXECUTE;
                return flight;
            }
            Flight led = new Flight(current);
            admission[0] = new Admission(null, false, new Ticket(key, current, led));
            return led;
        });
        (admission[0].stored() != null ? hits : admission[0].joined() ? joined : misses).increment();
        return admission[0];
    }

    /** A ticket for an execution about to begin, or empty when nothing it answers could be stored. */
    public Optional<Ticket> ticket(Key key) {
        if (entries == null || !listening) {
            return Optional.empty();
        }
        return Optional.of(new Ticket(key, generation.get(), null));
    }

    /** Stores an execution's answer (200, data, no error) if the engine found it cacheable and the data has not moved since. */
    public void offer(Ticket ticket, Answer answer) {
        if (entries == null || !ticket.cacheable || !listening || generation.get() != ticket.generation) {
            release(ticket);
            return;
        }
        // Tagged with the generation it began in: should the data move between the check above and
        // this put, the entry is never served.
        entries.put(ticket.key, new Entry(ticket.generation, answer));
        stored.increment();
        land(ticket, answer);
    }

    /**
     * The ticket's execution ends without an answer to store (an error, a failure, its client gone):
     * its followers run their own. Every ticket is offered or released; either twice is harmless.
     */
    public void release(Ticket ticket) {
        land(ticket, null);
    }

    private void land(Ticket ticket, Answer answer) {
        if (ticket.flight != null) {
            flights.remove(ticket.key, ticket.flight);
            ticket.flight.land(answer);
        }
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
