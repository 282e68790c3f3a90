package io.communique.relay;

import org.eclipse.microprofile.graphql.Description;

/** Relay page information. */
@Description("Information to aid in pagination.")
public record PageInfo(
        @Description("When paginating forwards, are there more items?") boolean hasNextPage,
        @Description("When paginating backwards, are there more items?") boolean hasPreviousPage,
        @Description("When paginating backwards, the cursor to continue.") String startCursor,
        @Description("When paginating forwards, the cursor to continue.") String endCursor) {
}
