package io.communique.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.LostCommits;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What the import and export commands say of a fault on standard error. */
class DialogueCommandTest {

    @Test
    void anImportWhoseCommitLostItsConnectionSaysTheOutcomeIsUnknownNotThatItRolledBack() {
        // The transaction manager's own message, "Could not commit transaction", was all the command printed.
        String said = DialogueCommand.failure("import", LostCommits.reported(LostCommits.connectionFailure()));
        assertTrue(said.startsWith("import failed: "), said);
        assertTrue(said.contains("whether it was written is unknown"), said);
        assertTrue(said.contains("Importing the same file again is safe"), said);
    }

    @Test
    void anyOtherFaultSaysItsRootCause() {
        var fault = new IllegalStateException("outer", new SQLException("relation \"dialogue\" does not exist", "42P01"));
        assertEquals("export failed: relation \"dialogue\" does not exist", DialogueCommand.failure("export", fault));
    }
}
