package io.communique.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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

    /** Row count of every table of the application (Flyway's history excluded). */
    public Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (var c = connect(); var s = c.createStatement()) {
            var tables = s.executeQuery("select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history' order by tablename");
            List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                var rs = s.executeQuery("select count(*) from \"" + table + "\"");
                rs.next();
                counts.put(table, rs.getLong(1));
            }
        }
        return counts;
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
}
