package io.communique.support;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts every SQL statement Hibernate prepares, so tests can assert how many statements a GraphQL
 * request costs. Tests run one request at a time, so a JVM-wide counter is exact.
 */
@PersistenceUnitExtension
public class SqlStatementCounter implements StatementInspector {

    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public String inspect(String sql) {
        COUNT.incrementAndGet();
        return sql;
    }

    public static void reset() {
        COUNT.set(0);
    }

    public static int count() {
        return COUNT.get();
    }
}
