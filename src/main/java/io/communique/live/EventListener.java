package io.communique.live;

import io.communique.cache.ResponseCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import io.communique.model.CommitmentStatus;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears the notifications that the V10 and V14 triggers send on {@value #CHANNEL} when a status entry or a
 * statement is committed, on one connection of its own (outside the pool: a pooled connection would
 * be validated, recycled or handed to a request), and passes them on to {@link LiveEvents}.
 *
 * <p>The connection is opened again whenever it breaks (database restart, the backend terminated),
 * after a delay that grows to {@link #MAX_BACKOFF_MS}. Notifications sent while it was down are not
 * replayed: PostgreSQL only queues them for connections that are listening. So {@link LiveEvents} is
 * told both ways: the subscriptions open when it breaks end with {@code EVENTS_INTERRUPTED}, and none
 * is accepted until LISTEN is in force again.
 *
 * <p>The same connection hears {@value ResponseCache#CHANNEL} (V16: some table was written) for the
 * {@link ResponseCache}, which serves nothing while this connection is not listening.
 */
@ApplicationScoped
public class EventListener {

    public static final String CHANNEL = "communique_events";
    /** The listener's {@code application_name}, so that operators (and tests) can find its backend. */
    public static final String APPLICATION_NAME = "communique-live-listener";

    private static final Logger LOG = Logger.getLogger(EventListener.class);
    private static final int POLL_MS = 500;
    /** A listening connection only reads; this often it also sends a query, to notice a dead socket. */
    private static final long PING_EVERY_MS = 10_000;
    private static final long MAX_BACKOFF_MS = 5_000;
    /** How long start waits for the first LISTEN: about one connect timeout. */
    private static final long FIRST_LISTEN_WAIT_MS = 6_000;
    private static final int CONNECT_TIMEOUT_S = 5;
    /** A frozen connection is given up after at most {@link #PING_EVERY_MS} and this, and opened again. */
    private static final int SOCKET_TIMEOUT_S = 10;

    private final LiveEvents events;
    private final ResponseCache responses;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final AtomicReference<Connection> current = new AtomicReference<>();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    public EventListener(LiveEvents events, ResponseCache responses, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.events = events;
        this.responses = responses;
        this.url = url;
        this.username = username;
        this.password = password;
        Gauge.builder("communique.live.listening", events, e -> e.listening() ? 1 : 0)
                .description("1 while this instance has LISTEN in force for database events (subscriptions are accepted)").register(registry);
    }

    void start(@Observes StartupEvent started) throws InterruptedException {
        running = true;
        thread = new Thread(this::run, "communique-live-listener");
        thread.setDaemon(true);
        thread.start();
        // Subscriptions are refused until LISTEN is in force, so the instance starts with it in force unless
        // the first attempt fails or hangs; then it starts anyway, and the listener keeps trying.
        if (!firstAttempt.await(FIRST_LISTEN_WAIT_MS, TimeUnit.MILLISECONDS)) {
            LOG.warnf("Live updates: not listening yet after %d ms; subscriptions are refused until then", FIRST_LISTEN_WAIT_MS);
        }
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        closeQuietly(current.getAndSet(null));
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** True while the listening connection is open and LISTEN has been issued on it. */
    public boolean listening() {
        return events.listening();
    }

    private void run() {
        long backoff = 250;
        boolean warned = false;
        while (running) {
            try (Connection connection = connect()) {
                current.set(connection);
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                    s.execute("LISTEN " + ResponseCache.CHANNEL);
                }
                events.resumed();
                responses.listening(true);
                firstAttempt.countDown();
                if (warned) {
                    LOG.infof("Live updates: listening on '%s' again", CHANNEL);
                } else {
                    LOG.debugf("Live updates: listening on '%s'", CHANNEL);
                }
                warned = false;
                backoff = 250;
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!warned) {
                    LOG.warnf("Live updates: the listening connection failed (%s); reconnecting", e.getMessage());
                    warned = true;
                } else {
                    LOG.debugf("Live updates: reconnect failed: %s", e.getMessage());
                }
            } finally {
                // After the last notice read on it was announced: those reached their subscribers first.
                responses.listening(false);
                events.interrupted();
                firstAttempt.countDown();
                current.set(null);
            }
            pause(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("tcpKeepAlive", "true");
        // Bounds on every wait, or a frozen connection (a partition: the socket open, nothing passing)
        // held this thread for ever and live updates stopped for good: the TCP connect, the whole login,
        // and each read. The listener only runs LISTEN and the ping, so the read bound can be short;
        // waiting for notifications sets its own, shorter one for the time of the wait.
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_S));
        Connection connection = DriverManager.getConnection(url, props);
        connection.setAutoCommit(true);
        return connection;
    }

    private void listen(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastTraffic = System.currentTimeMillis();
        while (running) {
            PGNotification[] received = pg.getNotifications(POLL_MS);
            long now = System.currentTimeMillis();
            if (received != null && received.length > 0) {
                lastTraffic = now;
                dispatch(received);
            } else if (now - lastTraffic > PING_EVERY_MS) {
                try (Statement s = connection.createStatement()) {
                    s.execute("select 1");
                }
                lastTraffic = now;
            }
        }
    }

    private void dispatch(PGNotification[] received) {
        // First of all: a bulk write brings tens of thousands of event notices with its one data notice,
        // and parsing them takes seconds, during which stale answers would be served.
        if (Arrays.stream(received).anyMatch(n -> ResponseCache.CHANNEL.equals(n.getName()))) {
            responses.invalidate();
        }
        List<Notice> notices = new ArrayList<>(received.length);
        for (PGNotification n : received) {
            if (ResponseCache.CHANNEL.equals(n.getName())) {
                continue;
            }
            Notice notice = parse(n.getParameter());
            if (notice != null) {
                notices.add(notice);
            }
        }
        if (notices.isEmpty()) {
            return;
        }
        try {
            // Loaded and committed first, so that subscribers never see rows of an open transaction.
            events.announce(notices);
        } catch (RuntimeException e) {
            // A failed load must not take the listener down; those events are lost, later ones still flow.
            LOG.errorf(e, "Live updates: could not load %d event(s); they were not delivered, and the subscriptions"
                    + " they may concern ended with EVENTS_INTERRUPTED", notices.size());
        }
    }

    static Notice parse(String payload) {
        try (JsonReader reader = Json.createReader(new StringReader(payload))) {
            JsonObject json = reader.readObject();
            return switch (json.getString("type", "")) {
                case "commitmentStatusChanged" -> new Notice.StatusEntryAdded(
                        json.getJsonNumber("commitmentId").longValue(), json.getJsonNumber("entryId").longValue(),
                        new AsCommitted(json.getJsonNumber("version").intValueExact(),
                                CommitmentStatus.valueOf(json.getString("status")),
                                OffsetDateTime.parse(json.getString("updatedAt")),
                                json.getJsonNumber("lastEntryId").longValue()));
                case "statementAdded" -> new Notice.StatementAdded(
                        json.getJsonNumber("statementId").longValue(), json.getJsonNumber("dialogueId").longValue());
                default -> null;
            };
        } catch (RuntimeException e) {
            LOG.warnf("Live updates: ignored a malformed notification: %s", payload);
            return null;
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing is all that is left to do with it.
            }
        }
    }
}
