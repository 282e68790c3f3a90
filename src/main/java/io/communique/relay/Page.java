package io.communique.relay;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of rows with what Relay needs to describe it. {@code totalCount} is null when it was
 * not asked for (counting is the one part of a page that costs in proportion to the list).
 */
public record Page<T>(List<T> rows, ToLongFunction<T> key, boolean hasNextPage, boolean hasPreviousPage,
        Long totalCount) {

    public <R> Page<R> map(Function<T, R> mapper, ToLongFunction<R> newKey) {
        return new Page<>(rows.stream().map(mapper).toList(), newKey, hasNextPage, hasPreviousPage, totalCount);
    }

    public String cursorOf(T row) {
        return Cursor.encode(key.applyAsLong(row));
    }

    public PageInfo pageInfo() {
        return new PageInfo(hasNextPage, hasPreviousPage,
                rows.isEmpty() ? null : cursorOf(rows.get(0)),
                rows.isEmpty() ? null : cursorOf(rows.get(rows.size() - 1)));
    }
}
