package io.communique.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/**
 * Ready only when the database answers and every migration this build ships has been applied: a
 * server on a database that another (older or newer) build migrated must not take traffic.
 * Quarkus adds its own datasource check beside this one.
 */
@Readiness
@ApplicationScoped
public class MigrationsReadiness implements HealthCheck {

    private final Flyway flyway;

    public MigrationsReadiness(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("Database migrations");
        try {
            var info = flyway.info();
            int pending = info.pending().length;
            var current = info.current();
            builder.withData("pending", pending)
                    .withData("version", current == null ? "none" : current.getVersion().getVersion());
            return (pending == 0 && current != null ? builder.up() : builder.down()).build();
        } catch (RuntimeException e) {
            // The datasource check reports the cause; this one only says migrations cannot be confirmed.
            return builder.down().withData("error", "database unreachable").build();
        }
    }
}
