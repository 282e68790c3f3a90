package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.communique.support.EmbeddedPostgresResource;
import io.communique.support.GraphQL;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database where pg_trgm cannot be installed, as on a managed server that refuses it: the
 * migrations run as a role without CREATE on the database, so V3__search.sql's attempt to create
 * the extension fails and must be survived. Search then works without its fuzzy part, and says so.
 */
@QuarkusTest
@TestProfile(SearchWithoutTrigramsTest.NoTrigrams.class)
class SearchWithoutTrigramsTest {

    static final String DATABASE = "communique_no_trgm";
    static final String ROLE = "communique_no_trgm";

    public static class NoTrigrams implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestrictedDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A database owned by the superuser, in which the application's role may create tables but not extensions. */
    public static class RestrictedDatabase implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try (var connection = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl("postgres"), "postgres", "");
                    var statement = connection.createStatement()) {
                var exists = statement.executeQuery("select count(*) from pg_database where datname = '" + DATABASE + "'");
                exists.next();
                if (exists.getInt(1) == 0) {
                    statement.execute("create role " + ROLE + " login");
                    statement.execute("create database " + DATABASE);
                    // pg_trgm is a trusted extension: any role with CREATE on the database could install it.
                    statement.execute("revoke create on database " + DATABASE + " from public");
                    statement.execute("grant connect on database " + DATABASE + " to " + ROLE);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not prepare the database without pg_trgm", e);
            }
            try (var connection = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(DATABASE), "postgres", "");
                    var statement = connection.createStatement()) {
                // PostgreSQL 15 no longer lets every role create in schema public; say so explicitly.
                statement.execute("grant create, usage on schema public to " + ROLE);
            } catch (SQLException e) {
                throw new IllegalStateException("could not prepare the database without pg_trgm", e);
            }
            return Map.of(
                    "quarkus.datasource.jdbc.url", EmbeddedPostgresResource.jdbcUrl(DATABASE),
                    "quarkus.datasource.username", ROLE,
                    "quarkus.datasource.password", "");
        }

        @Override
        public void stop() {
            // The database lives and dies with the shared embedded server.
        }
    }

    @Test
    void theMigrationSurvivesAndSearchReportsNoFuzzyMatching() throws SQLException {
        try (var connection = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(DATABASE), "postgres", "");
                var statement = connection.createStatement()) {
            var rs = statement.executeQuery("select count(*) from pg_extension where extname = 'pg_trgm'");
            rs.next();
            assertEquals(0, rs.getInt(1), "this database must not have pg_trgm, or the test proves nothing");
        }
        var response = GraphQL.file("search", "query", "Blinkin");
        assertNull(response.get("errors"), response.prettify());
        assertFalse(response.getBoolean("data.search.fuzzyMatchingAvailable"));
        assertEquals(List.of(), response.getList("data.search.edges"));
    }

    @Test
    void fullTextSearchWorksWithoutTrigrams() {
        for (String query : List.of("Blinken", "Anthony Blinken", "Blink")) {
            var response = GraphQL.file("search", "query", query, "types", List.of("OFFICIAL"));
            assertNull(response.get("errors"), response.prettify());
            assertEquals(List.of("Antony J. Blinken"), response.getList("data.search.edges.node.name"), query);
        }
        var f414 = GraphQL.file("search", "query", "F414", "types", List.of("STATEMENT"));
        assertEquals(2, f414.getInt("data.search.totalCount"));
    }
}
