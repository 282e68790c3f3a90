package io.communique.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL that Communiqué starts for itself when no external database is configured.
 *
 * <p>It is a real PostgreSQL server (zonky's packaged binaries), not an emulation: the same
 * migrations, SQL and extensions run on it as in production.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** Environment variable that moves the data directory. */
    public static final String DATA_DIR_ENV = "COMMUNIQUE_DATA_DIR";
    /** Environment variable that fixes the port of the embedded server (default: any free port). */
    public static final String PORT_ENV = "COMMUNIQUE_EMBEDDED_DB_PORT";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a server on {@code dataDirectory}. An existing directory is reused as is, so rows and
     * their keys survive restarts; a missing one is initialised.
     *
     * @param durable false only for throw-away test data: zonky's defaults turn fsync and synchronous
     *                commit off, which is fast but can lose or corrupt data on a crash
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) {
        return start(dataDirectory, port, durable, Map.of());
    }

    /**
     * As {@link #start(Path, int, boolean)}, with further server settings ({@code postgresql.conf}
     * names): the tests preload {@code pg_stat_statements} to count what reaches the server.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable, Map<String, String> settings) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!durable)
                    // The server must outlive nothing: we close it ourselves on shutdown.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "100");
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            settings.forEach(builder::setServerConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedDatabase(builder.start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The data directory chosen by {@value #DATA_DIR_ENV}, else {@code ~/.communique/pgdata}. */
    public static Path defaultDataDirectory(Map<String, String> env) {
        return Optional.ofNullable(env.get(DATA_DIR_ENV)).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".communique", "pgdata"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Creates {@code database} unless it exists; the bootstrap superuser is {@code postgres}. */
    public void createDatabaseIfMissing(String database) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, database);
            try (var rs = check.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    /** Stops the server; safe to call more than once (the launcher's exit handler and shutdown hook may both). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
        }
    }
}
