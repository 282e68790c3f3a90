package io.communique.support;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;

/**
 * A commit whose connection broke, as Narayana and Agroal report it to the caller: rolled back, the
 * driver's failure suppressed under the XA resource's. NetworkPartitionTest makes the real one; unit
 * tests of what is said about it start from this copy.
 */
public final class LostCommits {

    private LostCommits() {
    }

    /** The driver's failure: what the mapping should find behind the rollback. */
    public static SQLException connectionFailure() {
        return new SQLException("An I/O error occurred while sending to the backend.", "08006");
    }

    /** The exception a transactional call throws when its commit lost {@code failure}'s connection. */
    public static RuntimeException reported(SQLException failure) {
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(failure);
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        return new RuntimeException("Error invoking subclass method", rollback);
    }
}
