package io.communique.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Counts the statements that reached PostgreSQL, as the embedded test server's
 * {@code pg_stat_statements} records them. {@link SqlStatementCounter} sees what Hibernate prepares
 * and nothing else: a query pgjdbc sends of its own accord (a catalog lookup for a type it has not
 * met) passes it by. One such lookup ran on every request that read parties until the benchmark's
 * PostgreSQL log caught it (stop 26); this is the same count, made where the tests can assert it.
 *
 * <p>Counted: top-level {@code select}, {@code with}, {@code insert}, {@code update} and
 * {@code delete} statements in the application's database. Reads run in autocommit, so a statement
 * is recorded before its result reaches the server, and so before the response. Tests run one
 * request at a time; the one other client of the database is the event listener, whose keep-alive
 * ({@value #LISTENER_PING}, as the extension writes it) is left out.
 *
 * <p>Also left out: statements that are the body of one of the application's own SQL functions.
 * When the planner folds a call with constant arguments (search's query parsers, by the query's
 * bound text), the function's statements run during planning, and pg_stat_statements up to
 * PostgreSQL 15 records them as top-level statements although no client sent them. They are
 * recognised by their text: the recorded text, its constants replaced with {@code $n}, found in
 * the function's source.
 */
public final class ServerStatementCounter {

    static final String LISTENER_PING = "select $1";

    private static final String COUNTED = """
            select s.query, s.calls from pg_stat_statements s join pg_database d on d.oid = s.dbid
            where d.datname = ? and s.toplevel and s.query <> ?
              and lower(ltrim(s.query)) ~ '^(select|with|insert|update|delete)\\M'
            order by s.query""";

    /** A constant as pg_stat_statements replaces it: {@code $1}, {@code $2}, ... */
    private static final Pattern CONSTANT = Pattern.compile("\\$\\d+");

    private static final String FUNCTION_SOURCES = """
            select p.prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            join pg_language l on l.oid = p.prolang
            where n.nspname not in ('pg_catalog', 'information_schema') and l.lanname in ('sql', 'plpgsql')""";

    /** The sources of each database's SQL functions, read once: no migration runs while its tests do. */
    private static final Map<String, List<String>> FUNCTIONS = new ConcurrentHashMap<>();

    private ServerStatementCounter() {
    }

    public static void reset() {
        // The application's functions are read (the first time) before the reset, which then forgets the read.
        functionSources(database());
        run("select pg_stat_statements_reset()", null);
    }

    private static List<String> functionSources(String database) {
        return FUNCTIONS.computeIfAbsent(database, name -> {
            List<String> sources = new ArrayList<>();
            try (var connection = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(name), "postgres", "");
                    var statement = connection.createStatement();
                    var rs = statement.executeQuery(FUNCTION_SOURCES)) {
                while (rs.next()) {
                    sources.add(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the application's functions", e);
            }
            return List.copyOf(sources);
        });
    }

    /** Resets this count and {@link SqlStatementCounter}'s, for a request whose statements both should count. */
    public static void resetBoth() {
        SqlStatementCounter.reset();
        reset();
    }

    /**
     * What reached PostgreSQL since the last reset of both counters is what Hibernate prepared, one
     * for one: a statement pgjdbc sends of its own (a type lookup) counts against the budget too.
     */
    public static void assertRanWhatHibernatePrepared() {
        List<String> prepared = SqlStatementCounter.statements();
        List<String> ran = statements();
        assertEquals(prepared.size(), ran.size(), () -> "Hibernate prepared " + prepared.size() + " statements, PostgreSQL ran "
                + ran.size() + ":\n  " + String.join("\n  ", ran));
    }

    /** Neither counter counted a statement since the last reset: nothing reached PostgreSQL. */
    public static void assertNoneRan() {
        assertEquals(List.of(), SqlStatementCounter.statements(), "Hibernate prepared statements");
        assertEquals(List.of(), statements(), "PostgreSQL ran statements");
    }

    /** The statements counted since the last reset, each as often as it ran. */
    public static List<String> statements() {
        List<String> recorded = new ArrayList<>();
        run(COUNTED, recorded);
        List<String> functions = functionSources(database());
        return recorded.stream().filter(statement -> !inAFunction(statement, functions)).toList();
    }

    /** Whether {@code statement}, as pg_stat_statements wrote it, is text of an application function. */
    static boolean inAFunction(String statement, List<String> functionSources) {
        StringBuilder pattern = new StringBuilder();
        Matcher constant = CONSTANT.matcher(statement);
        int from = 0;
        while (constant.find()) {
            pattern.append(Pattern.quote(statement.substring(from, constant.start()))).append(".+?");
            from = constant.end();
        }
        pattern.append(Pattern.quote(statement.substring(from)));
        Pattern body = Pattern.compile(pattern.toString(), Pattern.DOTALL);
        return functionSources.stream().anyMatch(source -> body.matcher(source).find());
    }

    private static void run(String sql, List<String> into) {
        // Read from the maintenance database, where the extension lives: the application's own schema
        // stays as its migrations made it, and these reads are not counted with its statements.
        try (var connection = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl("postgres"), "postgres", "");
                var statement = connection.prepareStatement(sql)) {
            if (into != null) {
                statement.setString(1, database());
                statement.setString(2, LISTENER_PING);
            }
            try (var rs = statement.executeQuery()) {
                while (into != null && rs.next()) {
                    for (long i = 0; i < rs.getLong(2); i++) {
                        into.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read pg_stat_statements on the test server", e);
        }
    }

    /** The database the running application uses: the last segment of its JDBC URL's path. */
    private static String database() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String path = url.substring(url.indexOf("//") + 2);
        path = path.substring(path.indexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
