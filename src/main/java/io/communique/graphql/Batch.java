package io.communique.graphql;

import io.communique.relay.Page;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Aligns batched query results with the list of sources SmallRye hands a {@code @Source List} resolver. */
final class Batch {

    private Batch() {
    }

    static <S> List<Long> keys(Collection<S> sources, ToLongFunction<S> key) {
        return sources.stream().map(key::applyAsLong).distinct().toList();
    }

    /** One list per source, in source order; a source with no rows gets an empty list. */
    static <S, E, N> List<List<N>> lists(List<S> sources, ToLongFunction<S> key, Map<Long, List<E>> rows,
            Function<E, N> node) {
        return sources.stream()
                .map(s -> rows.getOrDefault(key.applyAsLong(s), List.of()).stream().map(node).toList())
                .toList();
    }

    /** One node (or null) per source, for to-one links. */
    static <S, E, N> List<N> singles(List<S> sources, ToLongFunction<S> key, Map<Long, List<E>> rows,
            Function<E, N> node) {
        return sources.stream()
                .map(s -> rows.getOrDefault(key.applyAsLong(s), List.of()).stream().findFirst().map(node).orElse(null))
                .toList();
    }

    /** One connection per source, in source order. */
    static <S, E, N, C> List<C> connections(List<S> sources, ToLongFunction<S> key, Map<Long, Page<E>> pages,
            Function<E, N> node, Function<Page<N>, C> connection) {
        return sources.stream()
                .map(s -> connection.apply(pages.get(key.applyAsLong(s)).map(node)))
                .toList();
    }
}
