package io.communique.apq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 */
@ApplicationScoped
public class PersistedQueryStore {

    private static final Logger LOG = Logger.getLogger(PersistedQueryStore.class);

    private final DataSource dataSource;
    private final Cache<String, String> cache;

    public PersistedQueryStore(DataSource dataSource,
            @ConfigProperty(name = "communique.apq.cache-size", defaultValue = "16M") MemorySize cacheSize) {
        this.dataSource = dataSource;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(cacheSize.asLongValue())
                // Java strings take up to two bytes a character; the weight approximates memory held.
                .weigher((String hash, String document) -> 2 * (hash.length() + document.length()))
                .build();
    }

    /** The document if this instance holds it in memory; never blocks. */
    public Optional<String> cached(String hash) {
        return Optional.ofNullable(cache.getIfPresent(hash));
    }

    /** The document from memory or, failing that, from the table. Blocking: call it off the event loop. */
    public Optional<String> load(String hash) {
        String cachedDocument = cache.getIfPresent(hash);
        if (cachedDocument != null) {
            return Optional.of(cachedDocument);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select document from persisted_query where sha256_hash = ?")) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String document = row.getString(1);
                cache.put(hash, document);
                return Optional.of(document);
            }
        } catch (SQLException e) {
            LOG.warnf("persisted query %s not looked up: %s", hash, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Registers a document that parsed, validated and ran under its verified hash. Blocking: call
     * it off the event loop. A hash already stored (by this or another instance) is left as it is:
     * equal hashes mean equal text.
     */
    public void save(String hash, String document) {
        cache.put(hash, document);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into persisted_query (sha256_hash, document) values (?, ?) on conflict (sha256_hash) do nothing")) {
            insert.setString(1, hash);
            insert.setString(2, document);
            insert.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("persisted query %s kept in memory only: %s", hash, e.getMessage());
        }
    }

    /** Empties the in-memory cache, as a freshly started instance has it. */
    void evictAll() {
        cache.invalidateAll();
    }
}
