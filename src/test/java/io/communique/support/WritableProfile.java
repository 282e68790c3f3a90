package io.communique.support;

import java.sql.SQLException;

/**
 * The profile of the test classes that write (mutations, imports, rows they arrange) and need no
 * configuration of their own. They share one application and one database, because the suite
 * builds and starts an application for every profile, about 13 s each on a 2-core machine. Each
 * class puts the database back to the seed before it writes ({@link #startFromTheSeed} in its
 * {@code @BeforeAll}, or {@link TrackingDatabase#restoreFirstState} before each test where every test
 * needs the seed), so none sees another's rows, whatever order the classes run in.
 */
public class WritableProfile extends OwnDatabaseProfile {

    public static final String DATABASE = "communique_writes";
    public static final TrackingDatabase DB = new TrackingDatabase(DATABASE);

    public WritableProfile() {
        super(DATABASE);
    }

    /**
     * Puts the shared database back to the seed as migrated. The first call, made before any class
     * of this profile has written, is what the later ones restore ({@link TrackingDatabase#restoreFirstState}).
     */
    public static void startFromTheSeed() throws SQLException {
        DB.restoreFirstState();
    }
}
