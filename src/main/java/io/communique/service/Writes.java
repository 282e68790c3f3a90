package io.communique.service;

import io.communique.errors.BadUserInputException;
import io.communique.errors.ConflictException;
import io.communique.model.AuditEntry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.function.ToIntFunction;

/** What every audited write does around its own rules: lock the node and check its version, append the audit entry. */
final class Writes {

    private Writes() {
    }

    /**
     * The node, locked for this transaction. The row lock serialises writers to one node, so the
     * version compared is the latest committed one; a writer that read an older one gets CONFLICT.
     */
    static <T> T lockVersioned(EntityManager em, Class<T> type, String typeName, long key, String path,
            Integer expectedVersion, ToIntFunction<T> version) {
        T node = em.find(type, key, LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            throw new BadUserInputException("Argument '" + path + "' names no " + typeName + ".");
        }
        int current = version.applyAsInt(node);
        if (expectedVersion != null && expectedVersion != current) {
            throw new ConflictException("The " + typeName + " is at version " + current + ", not " + expectedVersion
                    + ": it changed since you read it. Read it again and retry.");
        }
        return node;
    }

    /** Appends one entry to the audit trail, in the write's transaction. */
    static void audit(EntityManager em, String actor, String action, String nodeType, long key, String before, String after) {
        AuditEntry audit = new AuditEntry();
        audit.actor = actor;
        audit.action = action;
        audit.nodeType = nodeType;
        audit.nodeKey = key;
        audit.before = before;
        audit.after = after;
        em.persist(audit);
    }
}
