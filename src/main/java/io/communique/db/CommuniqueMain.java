package io.communique.db;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Entry point of the server, in dev mode and in the packaged jar.
 *
 * <p>With no {@code QUARKUS_DATASOURCE_JDBC_URL} (nor the matching system property), it starts an
 * embedded PostgreSQL on a persistent data directory and points the datasource at it before
 * Quarkus reads its configuration. The packaged server stops that PostgreSQL once Quarkus has shut
 * down and closed its connections; dev mode, which restarts the application on every code change,
 * keeps it for the life of the JVM.
 */
@QuarkusMain
public final class CommuniqueMain {

    static final String DATABASE = "communique";
    /** Longer than quarkus.shutdown.timeout, so in-flight requests finish before postgres stops. */
    private static final long SHUTDOWN_WAIT_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(CommuniqueMain.class);

    private CommuniqueMain() {
    }

    public static void main(String... args) {
        if (DialogueCommand.isCommand(args)) {
            runCommand(args);
            return;
        }
        if (args.length > 0) {
            // The server takes no arguments: a mistyped command ("improt") or --help must not bring up a
            // server on the configured database and leave a script waiting on it.
            System.exit(DialogueCommand.notACommand(args[0], System.out, System.err));
        }
        if (externalDatabaseConfigured(System.getenv())) {
            Quarkus.run(args);
            return;
        }
        var database = startEmbedded();
        if (database == null) {
            // Dev mode calls main again after each live reload, on new classes but the same JVM: the
            // server this JVM started first (and the datasource properties it set) stay in use.
            Quarkus.run(args);
            return;
        }
        // Quarkus calls the exit handler once it has stopped (SIGTERM, Ctrl-C, or a failed start) and
        // its connection pool is closed: only then is postgres stopped, so no request loses its
        // database mid-flight. On a signal the JVM halts when its shutdown hooks end, which can be
        // before the main thread finishes that handler; this hook holds the JVM until it has.
        //
        // Whether this is dev mode is only known once Quarkus has started: LaunchMode.current() is
        // still NORMAL when main first runs, even under quarkus:dev. In dev mode a live reload also
        // ends this run and calls the handler, but the JVM and the server must stay: main runs again.
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
                database.close();
            } else {
                awaitStop(stopped, database);
            }
        }, "embedded-postgres-stop"));
        Quarkus.run(null, (exitCode, failure) -> {
            if (LaunchMode.current() == LaunchMode.DEVELOPMENT && !ApplicationLifecycleManager.isVmShuttingDown()) {
                return;
            }
            if (failure != null) {
                // Quarkus's own exit handler logs why a start failed; one of ours replaces it, and a failed
                // start used to exit with status 1 and no word of the cause.
                LOG.error("Failed to start application", failure);
            }
            database.close();
            stopped.countDown();
            if (!ApplicationLifecycleManager.isVmShuttingDown()) {
                System.exit(exitCode);
            }
        }, args);
    }

    /**
     * {@code import FILE} / {@code export DIALOGUE [FILE]}: the application starts (datasource,
     * migrations) without opening its HTTP port, runs the command once, and exits with its status.
     */
    private static void runCommand(String... args) {
        // Results on stdout, everything else on stderr, and only what matters: a command is not a server.
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.log.console.stderr", "true");
        System.setProperty("quarkus.banner.enabled", "false");
        if (System.getProperty("quarkus.log.level") == null && System.getenv("QUARKUS_LOG_LEVEL") == null) {
            System.setProperty("quarkus.log.level", "WARN");
        }
        EmbeddedDatabase database = externalDatabaseConfigured(System.getenv()) ? null : startEmbedded();
        Quarkus.run(DialogueCommand.class, (exitCode, failure) -> {
            if (database != null) {
                database.close();
            }
            if (failure != null) {
                // Startup failed (database unreachable, migration refused): one line, not a stack trace.
                Throwable root = failure;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                System.err.println(args[0] + " failed: the application could not start: " + root.getMessage());
            }
            System.exit(failure != null ? DialogueCommand.FAILED : exitCode);
        }, args);
    }

    private static void awaitStop(CountDownLatch stopped, EmbeddedDatabase database) {
        try {
            if (!stopped.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                database.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            database.close();
        }
    }

    /** Starts the embedded server and points the datasource at it; null if this JVM already did. */
    private static EmbeddedDatabase startEmbedded() {
        if (System.getProperty("quarkus.datasource.jdbc.url") != null) {
            return null;
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
        return database;
    }

    static boolean externalDatabaseConfigured(Map<String, String> env) {
        String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        return url != null && !url.isBlank();
    }
}
