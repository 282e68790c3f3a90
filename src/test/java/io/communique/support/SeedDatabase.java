package io.communique.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Marks a test class as running against the seeded embedded database. Every {@code @QuarkusTest}
 * of the default profile shares this one database; tests only read it, so order never matters.
 */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
public final class SeedDatabase {
    private SeedDatabase() {
    }
}
