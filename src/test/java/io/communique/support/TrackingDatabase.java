package io.communique.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct access to a writable test database, for arranging rows a test owns and for checking that
 * a refused write left every table as it was.
 */
public final class TrackingDatabase {

    private final String database;

    public TrackingDatabase(String database) {
        this.database = database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(database), "postgres", "");
    }

    /** A trigger armed by {@link #failDialogueUpdatesTo} or {@link #delayDialogueUpdatesTo}; closing it drops it. */
    public interface ArmedTrigger extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /**
     * Until closed, an update that sets a dialogue's place to {@code place} fails with the SQLSTATE
     * {@code sqlState}: a database error on demand, without the timing a real one (a deadlock) needs.
     */
    public ArmedTrigger failDialogueUpdatesTo(String place, String sqlState) throws SQLException {
        return onDialogueUpdatesTo(place, "raise exception 'simulated' using errcode = '" + sqlState + "';");
    }

    /**
     * Until closed, an update that sets a dialogue's place to {@code place} sleeps for a minute: a write
     * that outlasts the statement timeout, which cancels it (the test waits on the database's timer).
     */
    public ArmedTrigger delayDialogueUpdatesTo(String place) throws SQLException {
        return onDialogueUpdatesTo(place, "perform pg_sleep(60);");
    }

    private ArmedTrigger onDialogueUpdatesTo(String place, String action) throws SQLException {
        try (var c = connect(); var st = c.createStatement()) {
            st.execute("create function test_fail_dialogue_update() returns trigger language plpgsql as $$ begin"
                    + " if new.place = '" + place + "' then " + action + " end if;"
                    + " return new; end $$");
            st.execute("create trigger test_fail_dialogue_update before update on dialogue for each row"
                    + " execute function test_fail_dialogue_update()");
        }
        return () -> {
            try (var c = connect(); var st = c.createStatement()) {
                st.execute("drop trigger test_fail_dialogue_update on dialogue");
                st.execute("drop function test_fail_dialogue_update()");
            }
        };
    }

    /** Row count of every table of the application (Flyway's history excluded). */
    public Map<String, Long> rowCounts() throws SQLException {
        try (var c = connect()) {
            return rowCounts(c);
        }
    }

    /** As {@link #rowCounts()}, as the transaction of {@code c} sees them (its own uncommitted writes included). */
    public Map<String, Long> rowCounts(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        perTable(c, "count(*)").forEach((table, count) -> counts.put(table, Long.parseLong(count)));
        return counts;
    }

    /**
     * A fingerprint of every table of the application (Flyway's history excluded): its row count and
     * a hash of its rows' text, in an order of their own. Equal before and after a request only if no
     * row was added, removed or changed, where {@link #rowCounts()} misses an UPDATE. For the claim
     * that a refused write wrote nothing.
     */
    public Map<String, String> contents() throws SQLException {
        try (var c = connect()) {
            return contents(c);
        }
    }

    /** As {@link #contents()}, as the transaction of {@code c} sees them (its own uncommitted writes included). */
    public Map<String, String> contents(Connection c) throws SQLException {
        return perTable(c, "count(*) || ' ' || coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '')");
    }

    /** {@code select}, over each table of the application as {@code t} (Flyway's history excluded), as text, by table. */
    private static Map<String, String> perTable(Connection c, String select) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (var s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (var rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history' order by tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (var rs = s.executeQuery("select cast(" + select + " as text) from \"" + table + "\" t")) {
                    rs.next();
                    values.put(table, rs.getString(1));
                }
            }
        }
        return values;
    }

    /**
     * Puts every table and sequence of the application back as they were the first time this was
     * called, so that tests which write through imports or mutations each start from the same rows
     * whatever ran before them. The first call copies the tables into a schema of their own; later
     * calls empty the tables and copy the rows back, in one transaction, with triggers off
     * ({@code session_replication_role = replica}: the copies are already what the triggers made,
     * and the append-only and change-feed triggers must not see a restore).
     */
    public void restoreFirstState() throws SQLException {
        try (var c = connect(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            var exists = s.executeQuery("select 1 from pg_namespace where nspname = '" + SNAPSHOT + "'");
            boolean taken = exists.next();
            List<String> tables = new ArrayList<>();
            var rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history' order by tablename");
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            if (!taken) {
                s.execute("create schema " + SNAPSHOT);
                for (String table : tables) {
                    s.execute("create table " + SNAPSHOT + ".\"" + table + "\" as select * from public.\"" + table + "\"");
                }
                s.execute("create table " + SNAPSHOT + ".sequence_state as select sequencename as name, last_value, last_value is not null as called"
                        + " from pg_sequences where schemaname = 'public'");
            } else {
                s.execute("set local session_replication_role = replica");
                s.execute("truncate " + String.join(", ", tables.stream().map(t -> "public.\"" + t + "\"").toList()));
                for (String table : tables) {
                    String columns = columns(c, table);
                    s.execute("insert into public.\"" + table + "\" (" + columns + ") overriding system value select " + columns
                            + " from " + SNAPSHOT + ".\"" + table + "\"");
                }
                s.execute("select setval(format('public.%I', name), coalesce(last_value, 1), called) from " + SNAPSHOT + ".sequence_state");
            }
            c.commit();
        }
    }

    private static final String SNAPSHOT = "test_first_state";

    /** The columns a row can be inserted with: generated columns are computed again. */
    private static String columns(Connection c, String table) throws SQLException {
        try (var ps = c.prepareStatement("select string_agg(quote_ident(attname), ', ' order by attnum) from pg_attribute"
                + " where attrelid = cast(? as regclass) and attnum > 0 and not attisdropped and attgenerated = ''")) {
            ps.setString(1, "public.\"" + table + "\"");
            var rs = ps.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    /** A commitment of its own for one test, with one status entry; returns its key. */
    public long newCommitment(String status) throws SQLException {
        try (var c = connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("insert into commitment (dialogue_id, title, description, kind)"
                    + " values (1, 'Test commitment', 'Owned by one test', 'COOPERATION') returning id");
            rs.next();
            long key = rs.getLong(1);
            s.execute("insert into commitment_status_entry (commitment_id, status, as_of, note, evidence_statement_id)"
                    + " values (" + key + ", '" + status + "', date '2023-11-10', 'Arranged by a test', 23)");
            return key;
        }
    }

    /** The statuses in the commitment's history, as stored, in the order recorded. */
    public List<String> statuses(long commitment) throws SQLException {
        try (var c = connect(); var s = c.createStatement(); var rs = s.executeQuery(
                "select status from commitment_status_entry where commitment_id = " + commitment + " order by id")) {
            List<String> statuses = new ArrayList<>();
            while (rs.next()) {
                statuses.add(rs.getString(1));
            }
            return statuses;
        }
    }
}
