package io.communique.graphql;

import io.communique.relay.Page;
import io.communique.relay.PageInfo;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What every XxxConnection shares. The schema-facing getters live in the concrete subclasses so
 * that each connection and edge type carries its node's name (StatementConnection, StatementEdge),
 * as Relay and GitHub name them; this base holds no public getter of its own.
 */
abstract class Connection<N, E> {
    private final Page<N> page;
    private final BiFunction<String, N, E> edge;

    Connection(Page<N> page, BiFunction<String, N, E> edge) {
        this.page = page;
        this.edge = edge;
    }

    List<E> edges() {
        List<N> rows = page.rows();
        return java.util.stream.IntStream.range(0, rows.size()).mapToObj(i -> edge.apply(page.cursorAt(i), rows.get(i))).toList();
    }

    List<N> nodes() {
        return page.rows();
    }

    PageInfo pageInfo() {
        return page.pageInfo();
    }

    Integer totalCount() {
        return page.totalCount() == null ? null : Math.toIntExact(page.totalCount());
    }
}
