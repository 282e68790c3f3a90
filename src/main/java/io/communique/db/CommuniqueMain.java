package io.communique.db;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Entry point of the server, in dev mode and in the packaged jar.
 *
 * <p>With no {@code QUARKUS_DATASOURCE_JDBC_URL} (nor the matching system property), it starts an
 * embedded PostgreSQL on a persistent data directory and points the datasource at it before
 * Quarkus reads its configuration; on shutdown it stops that PostgreSQL after Quarkus has closed
 * its connections, so nothing outlives the JVM.
 */
@QuarkusMain
public final class CommuniqueMain {

    static final String DATABASE = "communique";
    private static final Logger LOG = Logger.getLogger(CommuniqueMain.class);

    private CommuniqueMain() {
    }

    public static void main(String... args) {
        if (externalDatabaseConfigured(System.getenv())) {
            Quarkus.run(args);
            return;
        }
        var dataDirectory = EmbeddedDatabase.defaultDataDirectory(System.getenv());
        int port = Integer.parseInt(System.getenv().getOrDefault(EmbeddedDatabase.PORT_ENV, "0"));
        LOG.infof("No QUARKUS_DATASOURCE_JDBC_URL set: starting the embedded PostgreSQL in %s", dataDirectory);
        var database = EmbeddedDatabase.start(dataDirectory, port, true);
        database.createDatabaseIfMissing(DATABASE);
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl(DATABASE));
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "");
        LOG.infof("Embedded PostgreSQL listening on port %d", database.port());
        // Quarkus calls this once it has stopped (SIGTERM, Ctrl-C, or a failed start) and its connection
        // pool is closed: only then is postgres stopped, so no request loses its database mid-flight.
        Quarkus.run(null, (exitCode, failure) -> {
            database.close();
            if (!ApplicationLifecycleManager.isVmShuttingDown()) {
                System.exit(exitCode);
            }
        }, args);
    }

    static boolean externalDatabaseConfigured(Map<String, String> env) {
        return isSet(env.get("QUARKUS_DATASOURCE_JDBC_URL")) || isSet(System.getProperty("quarkus.datasource.jdbc.url"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
