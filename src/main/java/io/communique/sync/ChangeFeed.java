package io.communique.sync;

import io.communique.relay.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the change order that the database keeps in {@code node_change} (migration V8): one row
 * per node, at the position (writing transaction id, sequence) of its latest change or deletion.
 *
 * <p>Why this cannot skip a change: a page only reads positions whose transaction id is below the
 * horizon, {@code pg_snapshot_xmin(pg_current_snapshot())}, the oldest transaction still running.
 * Every transaction below it has ended, and every transaction that writes later has an id at or
 * above it, so the set of positions below the horizon never gains a row again: a token that marks
 * a place in that set is behind every change still to come. A transaction that is open for a long
 * time holds later changes back (they are delayed, never lost). Ordering by a timestamp or a
 * sequence instead would not do: both are taken inside transactions, which commit in another order.
 *
 * <p>Two statements per page, whatever its size: the horizon, then the page.
 */
@ApplicationScoped
public class ChangeFeed {

    /** One node's latest change; {@code deletedAt} is set when the change was its deletion. */
    public record Change(String type, long key, SyncToken position, OffsetDateTime deletedAt) {
    }

    /** Changes in order, the position to resume from, and whether more changes are readable now. */
    public record Page(List<Change> changes, SyncToken next, boolean hasMore) {
    }

    /** Largest page, as for every connection. */
    public static final int MAX_PAGE = PageRequest.MAX_PAGE_SIZE;

    private final EntityManager em;

    public ChangeFeed(EntityManager em) {
        this.em = em;
    }

    /** The page size of {@code first}, validated: 0 to {@link #MAX_PAGE}, {@link #MAX_PAGE} when not given. */
    public static int pageSize(Integer first, String argument) {
        PageRequest.checkSize("the 'changes' field", argument, first, "changes");
        return first == null ? MAX_PAGE : first;
    }

    /**
     * Up to {@code size} changes after {@code after}. From {@link SyncToken#START}, deleted nodes are
     * left out: a client that never had them needs no tombstone.
     */
    public Page after(SyncToken after, int size, String argument) {
        long horizon = Long.parseLong((String) em.createNativeQuery(
                "select cast(pg_snapshot_xmin(pg_current_snapshot()) as text)").getSingleResult());
        if (after.xid() >= horizon && !after.equals(SyncToken.START)) {
            // Every token this API issued lies below a horizon it has passed, and the horizon only grows.
            throw SyncToken.invalid(argument);
        }
        boolean initial = after.equals(SyncToken.START);
        @SuppressWarnings("unchecked")
        // Ordered by the table's xid8, qualified: a bare "xid" in ORDER BY names the output column first,
        // which is the text cast, and "10" sorts before "9". Pages then came in text order (never by the
        // index), and a page that ended on xid 10 made the next one skip every change of xid 9.
        List<Object[]> rows = em.createNativeQuery("select c.node_type, c.node_key, cast(c.xid as text), c.seq,"
                + " c.deleted_at from node_change c where (c.xid, c.seq) > (cast(?1 as xid8), ?2)"
                + " and c.xid < cast(?3 as xid8)" + (initial ? " and c.deleted_at is null" : "")
                + " order by c.xid, c.seq limit ?4")
                .setParameter(1, Long.toString(after.xid()))
                .setParameter(2, after.seq())
                .setParameter(3, Long.toString(horizon))
                .setParameter(4, size + 1)
                .getResultList();
        List<Change> changes = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(size, rows.size()))) {
            changes.add(new Change((String) row[0], ((Number) row[1]).longValue(),
                    new SyncToken(Long.parseLong((String) row[2]), ((Number) row[3]).longValue()), deletedAt(row[4])));
        }
        SyncToken next = changes.isEmpty() ? after : changes.get(changes.size() - 1).position();
        return new Page(changes, next, rows.size() > size);
    }

    private static OffsetDateTime deletedAt(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

}
