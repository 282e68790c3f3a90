package io.communique.support;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts every SQL statement Hibernate prepares, so tests can assert how many statements a GraphQL
 * request costs. Tests run one request at a time, so a JVM-wide counter is exact. It sees only
 * what Hibernate prepares; {@link ServerStatementCounter} counts what PostgreSQL ran.
 */
@PersistenceUnitExtension
public class SqlStatementCounter implements StatementInspector {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String sql) {
        COUNT.incrementAndGet();
        SEEN.add(sql);
        return sql;
    }

    public static void reset() {
        COUNT.set(0);
        SEEN.clear();
    }

    /** The statements prepared since the last reset, for failure messages. */
    public static List<String> statements() {
        return List.copyOf(SEEN);
    }

    public static int count() {
        return COUNT.get();
    }
}
