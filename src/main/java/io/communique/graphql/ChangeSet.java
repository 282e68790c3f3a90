package io.communique.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ChangeSet")
@Description("One page of changes for a client's local copy (README, \"Delta sync\"): nodes to upsert, tombstones to drop, and the token to ask from next.")
public final class ChangeSet {
    private final List<Node> nodes;
    private final List<Tombstone> tombstones;
    private final String nextToken;
    private final boolean hasMore;

    ChangeSet(List<Node> nodes, List<Tombstone> tombstones, String nextToken, boolean hasMore) {
        this.nodes = nodes;
        this.tombstones = tombstones;
        this.nextToken = nextToken;
        this.hasMore = hasMore;
    }

    @NonNull
    @Description("Nodes created or changed since the token, each once, in its current state, oldest change first. Use fragments (`... on Commitment`) to select their fields.")
    public List<@NonNull Node> getNodes() {
        return nodes;
    }

    @NonNull
    @Description("Nodes deleted since the token. Empty on a full sync (`since: null`); may name nodes you never received, which you can ignore.")
    public List<@NonNull Tombstone> getTombstones() {
        return tombstones;
    }

    @NonNull
    @Description("Pass this as `since` next time, whether or not this page had changes. Opaque.")
    public String getNextToken() {
        return nextToken;
    }

    @NonNull
    @Description("True when more changes can be read right now: ask again at once with `nextToken`.")
    public boolean getHasMore() {
        return hasMore;
    }
}
