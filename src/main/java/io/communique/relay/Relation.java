package io.communique.relay;

/**
 * A list of child rows, described once in SQL, that the pager reads one page per parent of in a
 * single statement. Orderings and filters are predicates and expressions on the child alias
 * {@code c}, so any of them applies to any relation of the same child table.
 *
 * @param entity       entity class of the children; the child table is aliased {@code c}
 * @param from         FROM clause producing the children (and, for nested lists, the parent key)
 * @param parentColumn SQL expression of the parent key, or null for a root list
 * @param links        for a list reached through a link table, that table alone (aliased {@code x},
 *                     one row per child, holding the parent key): an unfiltered {@code totalCount}
 *                     counts its rows without reading the children; null where the children must be read
 */
public record Relation<E>(Class<E> entity, String from, String parentColumn, String links) {

    public static <E> Relation<E> root(Class<E> entity, String table) {
        return new Relation<>(entity, table + " c", null, null);
    }

    public static <E> Relation<E> nested(Class<E> entity, String from, String parentColumn) {
        return new Relation<>(entity, from, parentColumn, null);
    }

    /**
     * Children reached through a link table whose foreign keys make every link name an existing
     * child, once: {@code through(Statement.class, "statement_nation x", "statement c on c.id =
     * x.statement_id", "x.nation_id")}.
     */
    public static <E> Relation<E> through(Class<E> entity, String links, String join, String parentColumn) {
        return new Relation<>(entity, links + " join " + join, parentColumn, links);
    }

    boolean isRoot() {
        return parentColumn == null;
    }

    /** What {@code totalCount} counts the rows of: the links alone when no filter reads the children. */
    String countFrom(boolean filtered) {
        return links == null || filtered ? from : links;
    }
}
