package io.communique.relay;

import java.util.List;
import java.util.function.Function;

/**
 * One page of rows with what Relay needs to describe it: each row's cursor (parallel to
 * {@code rows}) and the page flags. {@code totalCount} is null when it was not asked for (counting
 * is the one part of a page that costs in proportion to the list).
 */
public record Page<T>(List<T> rows, List<String> cursors, boolean hasNextPage, boolean hasPreviousPage,
        Long totalCount) {

    public Page {
        if (rows.size() != cursors.size()) {
            throw new IllegalArgumentException("one cursor per row");
        }
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(rows.stream().map(mapper).toList(), cursors, hasNextPage, hasPreviousPage, totalCount);
    }

    public String cursorAt(int index) {
        return cursors.get(index);
    }

    public PageInfo pageInfo() {
        return new PageInfo(hasNextPage, hasPreviousPage,
                rows.isEmpty() ? null : cursors.get(0),
                rows.isEmpty() ? null : cursors.get(cursors.size() - 1));
    }
}
