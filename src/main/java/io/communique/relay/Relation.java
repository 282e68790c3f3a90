package io.communique.relay;

/**
 * A list of child rows, described once in SQL, that the pager reads one page per parent of in a
 * single statement. Orderings and filters are predicates and expressions on the child alias
 * {@code c}, so any of them applies to any relation of the same child table.
 *
 * @param entity       entity class of the children; the child table is aliased {@code c}
 * @param from         FROM clause producing the children (and, for nested lists, the parent key)
 * @param parentColumn SQL expression of the parent key, or null for a root list
 */
public record Relation<E>(Class<E> entity, String from, String parentColumn) {

    public static <E> Relation<E> root(Class<E> entity, String table) {
        return new Relation<>(entity, table + " c", null);
    }

    public static <E> Relation<E> nested(Class<E> entity, String from, String parentColumn) {
        return new Relation<>(entity, from, parentColumn);
    }

    boolean isRoot() {
        return parentColumn == null;
    }
}
