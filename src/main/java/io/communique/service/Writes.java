package io.communique.service;

import io.communique.errors.BadUserInputException;
import io.communique.errors.ConflictException;
import io.communique.model.AuditEntry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        checkVersion(typeName, version.applyAsInt(node), expectedVersion);
        return node;
    }

    private static void checkVersion(String typeName, int current, Integer expectedVersion) {
        if (expectedVersion != null && expectedVersion != current) {
            throw new ConflictException("The " + typeName + " is at version " + current + ", not " + expectedVersion
                    + ": it changed since you read it. Read it again and retry.");
        }
    }

    /**
     * Of the statements {@code keys}, those that exist, held until the transaction ends so that a
     * write referring to them never meets a concurrent {@code deleteStatement} at its foreign key.
     * FOR KEY SHARE is the lock the foreign key check itself takes: it conflicts with the FOR UPDATE
     * a deletion takes before counting references (so one of the two waits for the other, and then
     * sees its outcome), not with statement edits, which renumber statements under FOR NO KEY UPDATE.
     * Without it the check read an uncommitted deletion's row as present and the insert failed on
     * the foreign key (INTERNAL).
     */
    static Set<Long> holdStatements(EntityManager em, Collection<Long> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        Set<Long> held = new HashSet<>();
        for (Object key : em.createNativeQuery("select id from statement where id in (:ids) order by id for key share")
                .setParameter("ids", keys).getResultList()) {
            held.add(((Number) key).longValue());
        }
        return held;
    }

    /**
     * Locks a statement for its deletion, and checks its version as {@link #lockVersioned} does. FOR
     * UPDATE holds off every writer that would refer to it (they hold it FOR KEY SHARE, and the
     * foreign key checks of their inserts do too), so the references counted next are all there will
     * be. It must be the deletion's only lock on the row: Hibernate's PESSIMISTIC_WRITE is FOR NO KEY
     * UPDATE on PostgreSQL, which lets those writers in, and taking it first (as deleteStatement did)
     * then waiting here for a writer's KEY SHARE held the row against that writer's own update of it
     * (inserting a link touches the statement's updated_at, delta sync): a deadlock, which PostgreSQL
     * broke by rolling one of the two back (CONFLICT).
     */
    static void lockStatementForDeletion(EntityManager em, long key, Integer expectedVersion) {
        List<?> locked = em.createNativeQuery("select version from statement where id = :s for update").setParameter("s", key)
                .getResultList();
        if (locked.isEmpty()) {
            throw new BadUserInputException("Argument 'input.statementId' names no Statement.");
        }
        checkVersion("Statement", ((Number) locked.get(0)).intValue(), expectedVersion);
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
