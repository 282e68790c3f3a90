package io.communique.apq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The documents clients registered, by hash: the {@code persisted_query} table, shared by every
 * instance, behind a cache bounded by size. A hash is never cached as absent, since another
 * instance may store it at any moment. The database being unreachable is not an error here: a
 * lookup then finds nothing (the client resends the text) and a registration is only cached.
 *
 * <p>The table keeps the newest {@code communique.apq.max-stored} documents. Any client can make
 * new documents that run (an alias renamed is a new hash), so without a bound the table would grow
 * for as long as someone cares to send them. Dropping the oldest is safe by the protocol: a client
 * whose hash is gone gets {@code PERSISTED_QUERY_NOT_FOUND} and resends the text, which stores it
 * again as the newest.
 */
@ApplicationScoped
public class PersistedQueryStore {

    private static final Logger LOG = Logger.getLogger(PersistedQueryStore.class);

    private final DataSource dataSource;
    private final Cache<String, String> cache;
    private final int maxStored;
    private final Counter foundInMemory;
    private final Counter foundInTable;
    private final Counter notFound;
    private final Counter stored;
    private final Counter evicted;

    public PersistedQueryStore(DataSource dataSource, MeterRegistry registry,
            @ConfigProperty(name = "communique.apq.cache-size", defaultValue = "16M") MemorySize cacheSize,
            @ConfigProperty(name = "communique.apq.max-stored", defaultValue = "10000") int maxStored) {
        if (maxStored < 0) {
            throw new IllegalArgumentException("communique.apq.max-stored must be 0 or more, not " + maxStored);
        }
        this.dataSource = dataSource;
        this.maxStored = maxStored;
        this.foundInMemory = lookups(registry, "memory");
        this.foundInTable = lookups(registry, "table");
        this.notFound = lookups(registry, "miss");
        this.stored = Counter.builder("communique.apq.stored")
                .description("Documents this instance added to the persisted_query table").register(registry);
        this.evicted = Counter.builder("communique.apq.evicted")
                .description("Oldest documents this instance dropped from the persisted_query table to keep it at"
                        + " communique.apq.max-stored")
                .register(registry);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(cacheSize.asLongValue())
                // Java strings take up to two bytes a character; the weight approximates memory held.
                .weigher((String hash, String document) -> 2 * (hash.length() + document.length()))
                .build();
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("communique.apq.lookups")
                .description("Requests that named their document by persisted-query hash alone, by where this instance"
                        + " found it: memory, table, or miss (the client was asked to resend the text)")
                .tag("result", result).register(registry);
    }

    /** The document if this instance holds it in memory; never blocks. */
    public Optional<String> cached(String hash) {
        return Optional.ofNullable(cache.getIfPresent(hash));
    }

    /**
     * The document of a request that sent the hash alone, if this instance holds it in memory; never
     * blocks. Counted as found in memory; when empty, {@link #load} counts the rest.
     */
    public Optional<String> lookUpInMemory(String hash) {
        Optional<String> document = cached(hash);
        document.ifPresent(found -> foundInMemory.increment());
        return document;
    }

    /**
     * The document of a request that sent the hash alone, from memory or, failing that, from the
     * table; counted by where it was found. Blocking: call it off the event loop.
     */
    public Optional<String> load(String hash) {
        String cachedDocument = cache.getIfPresent(hash);
        if (cachedDocument != null) {
            foundInMemory.increment();
            return Optional.of(cachedDocument);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select document from persisted_query where sha256_hash = ?")) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    notFound.increment();
                    return Optional.empty();
                }
                String document = row.getString(1);
                cache.put(hash, document);
                foundInTable.increment();
                return Optional.of(document);
            }
        } catch (SQLException e) {
            LOG.warnf("persisted query %s not looked up: %s", hash, e.getMessage());
            notFound.increment();
            return Optional.empty();
        }
    }

    /**
     * Registers a document that parsed, validated and ran under its verified hash. Blocking: call
     * it off the event loop. A hash already stored (by this or another instance) is left as it is:
     * equal hashes mean equal text. A new row makes the oldest beyond {@code max-stored} go.
     */
    public void save(String hash, String document) {
        cache.put(hash, document);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into persisted_query (sha256_hash, document) values (?, ?) on conflict (sha256_hash) do nothing");
                // Instances pruning at once delete overlapping sets; a row already gone is simply not deleted twice.
                PreparedStatement prune = connection.prepareStatement(
                        "delete from persisted_query where sha256_hash in (select sha256_hash from persisted_query"
                                + " order by created_at desc, sha256_hash desc offset ?)")) {
            insert.setString(1, hash);
            insert.setString(2, document);
            if (insert.executeUpdate() == 1) {
                stored.increment();
                prune.setInt(1, maxStored);
                int pruned = prune.executeUpdate();
                evicted.increment(pruned);
                if (pruned > 0) {
                    LOG.debugf("persisted queries: %d oldest dropped to keep %d", pruned, maxStored);
                }
            }
        } catch (SQLException e) {
            LOG.warnf("persisted query %s kept in memory only: %s", hash, e.getMessage());
        }
    }

    /** Empties the in-memory cache, as a freshly started instance has it. */
    void evictAll() {
        cache.invalidateAll();
    }
}
