package io.communique.query;

import io.communique.relay.SortKey;

/** A field a list can be ordered by, as its ascending keyset ordering. */
interface OrderField {
    SortKey ascending();
}
