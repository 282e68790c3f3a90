package io.communique.support;

import io.communique.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Gives each test profile its own database on one embedded PostgreSQL server, started once per
 * JVM on a throw-away data directory. Tests need no server installed and never touch the
 * developer's own data.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument naming the profile's database. */
    public static final String DATABASE_ARG = "database";

    private static EmbeddedDatabase server;

    private String database = "communique_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, database);
    }

    @Override
    public Map<String, String> start() {
        var db = server();
        db.createDatabaseIfMissing(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(database),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // The server is shared by every profile of this JVM; its shutdown hook below stops it.
    }

    /** JDBC URL of a database on the shared server, for tests that prepare data directly. */
    public static String jdbcUrl(String database) {
        return server().jdbcUrl(database);
    }

    private static synchronized EmbeddedDatabase server() {
        if (server == null) {
            try {
                var dir = Files.createTempDirectory("communique-test-pg");
                // pg_stat_statements records every statement the server runs, pgjdbc's own among them,
                // for ServerStatementCounter; it must be loaded when the server starts.
                server = EmbeddedDatabase.start(dir, 0, false, Map.of(
                        "shared_preload_libraries", "pg_stat_statements",
                        "pg_stat_statements.track", "top",
                        "pg_stat_statements.track_utility", "off",
                        // With planning tracked, the SQL functions the planner folds into constants (search's
                        // query parsers) run one level down, not as top-level statements of their own.
                        "pg_stat_statements.track_planning", "on"));
                try (var connection = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
                        var statement = connection.createStatement()) {
                    statement.execute("create extension if not exists pg_stat_statements");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            } catch (IOException e) {
                throw new IllegalStateException("could not create a data directory for the test database", e);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create pg_stat_statements on the test server", e);
            }
        }
        return server;
    }
}
