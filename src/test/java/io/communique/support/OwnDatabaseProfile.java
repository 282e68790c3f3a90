package io.communique.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A test profile whose application runs on a database of its own on the shared embedded server,
 * for tests that write or grow data: the seed-reading tests never see their rows.
 */
public abstract class OwnDatabaseProfile implements QuarkusTestProfile {

    private final String database;

    protected OwnDatabaseProfile(String database) {
        this.database = database;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class,
                Map.of(EmbeddedPostgresResource.DATABASE_ARG, database)));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
