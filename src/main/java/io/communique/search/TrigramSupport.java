package io.communique.search;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Whether the database has pg_trgm, which V3__search.sql installs where it can. Checked once at
 * start (the extension only comes or goes with a migration or a DBA), over plain JDBC so that it is
 * no statement of any request.
 */
@ApplicationScoped
public class TrigramSupport {

    private static final Logger LOG = Logger.getLogger(TrigramSupport.class);
    private static final String SCHEMA_QUERY = "select n.nspname from pg_extension e"
            + " join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'";

    private final DataSource dataSource;
    private volatile Optional<String> schema;

    public TrigramSupport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent event) {
        schema();
    }

    public boolean available() {
        return schema().isPresent();
    }

    /** The schema pg_trgm was installed in, quoted for SQL, so its operators resolve whatever the search_path. */
    public Optional<String> schema() {
        Optional<String> known = schema;
        if (known == null) {
            known = detect();
            schema = known;
        }
        return known;
    }

    private Optional<String> detect() {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rs = statement.executeQuery(SCHEMA_QUERY)) {
            Optional<String> found = rs.next() ? Optional.of('"' + rs.getString(1).replace("\"", "\"\"") + '"')
                    : Optional.empty();
            if (found.isEmpty()) {
                LOG.info("pg_trgm is not installed: search will not match misspelled names");
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the database for pg_trgm", e);
        }
    }
}
