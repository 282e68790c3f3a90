package io.communique.relay;

import java.util.List;

/** The position a cursor names: the values of its ordering's sort columns, then the row's id. */
public record CursorKey(List<Object> values, long id) {
    public CursorKey {
        values = List.copyOf(values);
    }
}
