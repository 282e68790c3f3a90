package io.communique.relay;

import java.util.function.ToLongFunction;

/**
 * A list of child rows, described once in SQL, that the pager reads one page per parent of in a
 * single statement.
 *
 * @param entity       entity class of the children; the child table is aliased {@code c}
 * @param from         FROM clause producing the children (and, for nested lists, the parent key)
 * @param parentColumn SQL expression of the parent key, or null for a root list
 * @param key          the child's sort key ({@code c.id}) read from the entity
 */
public record Relation<E>(Class<E> entity, String from, String parentColumn, ToLongFunction<E> key) {

    public static <E> Relation<E> root(Class<E> entity, String table, ToLongFunction<E> key) {
        return new Relation<>(entity, table + " c", null, key);
    }

    public static <E> Relation<E> nested(Class<E> entity, String from, String parentColumn, ToLongFunction<E> key) {
        return new Relation<>(entity, from, parentColumn, key);
    }

    boolean isRoot() {
        return parentColumn == null;
    }
}
