package io.communique.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.LostCommits;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What {@link ErrorMapper} answers with SERVICE_UNAVAILABLE (or WRITE_OUTCOME_UNKNOWN) rather than INTERNAL. */
class DatabaseUnreachableTest {

    @Test
    void bothOfTheConnectionPoolsAcquisitionTimeoutsAreTheDatabaseBeingUnreachable() {
        // No pooled connection came back in time.
        assertTrue(ErrorMapper.databaseUnreachable(new SQLException("Sorry, acquisition timeout!")));
        // Opening a new connection took longer than the acquisition timeout (a host that does not answer):
        // this one was INTERNAL, logged at ERROR with its stack trace.
        assertTrue(ErrorMapper.databaseUnreachable(
                new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException())));
    }

    @Test
    void connectionFailuresAndTerminatedBackendsAreTheDatabaseBeingUnreachable() {
        assertTrue(ErrorMapper.databaseUnreachable(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertTrue(ErrorMapper.databaseUnreachable(new SQLException("This connection has been closed.", "08003")));
        assertTrue(ErrorMapper.databaseUnreachable(new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
    }

    @Test
    void aCommitThatLostItsConnectionIsFoundBehindTheRollbackItIsReportedAs() {
        SQLException io = LostCommits.connectionFailure();
        assertSame(io, ErrorMapper.connectionLostInCommit(LostCommits.reported(io)));

        // A commit the database refused was rolled back, as reported: not an unknown outcome.
        RollbackException refused = new RollbackException("ARJUNA016053: Could not commit transaction.");
        refused.addSuppressed(new SQLException("too many notifications in the NOTIFY queue", "54000"));
        assertNull(ErrorMapper.connectionLostInCommit(refused));
        // A connection lost outside a commit is the ordinary SERVICE_UNAVAILABLE.
        assertNull(ErrorMapper.connectionLostInCommit(new RuntimeException(io)));
    }

    @Test
    void aDatabaseOutOfResourcesIsTellingTheClientToRetryNotAFaultOfTheServers() {
        assertTrue(ErrorMapper.databaseExhausted(new SQLException("FATAL: sorry, too many clients already", "53300")));
        assertTrue(ErrorMapper.databaseExhausted(new SQLException("out of memory", "53200")));
        assertTrue(ErrorMapper.databaseExhausted(new SQLException("could not extend file: No space left on device", "53100")));
        // Program limits are the statement's, not the database's state: an index row too large stays a fault.
        assertFalse(ErrorMapper.databaseExhausted(new SQLException("index row size 8200 exceeds maximum 2712", "54000")));
        assertFalse(ErrorMapper.databaseExhausted(LostCommits.connectionFailure()));

        SQLException memory = new SQLException("out of memory", "53200");
        assertSame(memory, ErrorMapper.exhaustedInCommit(LostCommits.reported(memory)));
        assertNull(ErrorMapper.exhaustedInCommit(LostCommits.reported(LostCommits.connectionFailure())));
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertFalse(ErrorMapper.databaseUnreachable(new SQLException("could not serialize access", "40001")));
        assertFalse(ErrorMapper.databaseUnreachable(new SQLException("canceling statement due to statement timeout", "57014")));
        assertFalse(ErrorMapper.databaseUnreachable(new SQLException("something else")));
        // A database error whose text happens to mention a timeout is the database's, with its SQLState.
        assertFalse(ErrorMapper.databaseUnreachable(new SQLException("acquisition timeout in a trigger", "P0001")));
    }
}
