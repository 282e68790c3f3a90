package io.communique.graphql;

import io.communique.relay.GlobalId;
import io.communique.service.GraphReader;
import io.communique.sync.ChangeFeed;
import io.communique.sync.SyncToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Delta sync for offline clients: the root {@code changes} field. */
@GraphQLApi
public class SyncApi {

    private final ChangeFeed feed;
    private final GraphReader reader;

    public SyncApi(ChangeFeed feed, GraphReader reader) {
        this.feed = feed;
        this.reader = reader;
    }

    @Query("changes")
    @Description("What changed since a sync token: nodes created or changed (each once, as they are now), tombstones of deleted"
            + " nodes, and the token to pass next time. `since: null` starts a full sync. Never skips a change, even one"
            + " committed late by a slow writer (README, \"Delta sync\"). One statement per node type on the page, plus two.")
    public @NonNull ChangeSet changes(
            @Name("since") @Description("`nextToken` of an earlier response; null for a full sync.") String since,
            @Name("first") @Description("Changes per page, 0 to " + ChangeFeed.MAX_PAGE + " (default " + ChangeFeed.MAX_PAGE
                    + "); `hasMore` says whether to ask again.") Integer first) {
        int size = ChangeFeed.pageSize(first, "first");
        var page = feed.after(SyncToken.decode(since, "since"), size, "since");

        Map<String, List<Long>> changedByType = new LinkedHashMap<>();
        for (var change : page.changes()) {
            if (change.deletedAt() == null && NodeTypes.BY_NAME.containsKey(change.type())) {
                changedByType.computeIfAbsent(change.type(), t -> new ArrayList<>()).add(change.key());
            }
        }
        Map<String, Node> loaded = new HashMap<>();
        changedByType.forEach((typeName, keys) -> {
            var type = NodeTypes.BY_NAME.get(typeName);
            for (Object entity : reader.findAll(type.entity(), keys)) {
                Node node = type.wrap(entity);
                loaded.put(node.getId(), node);
            }
        });

        List<Node> nodes = new ArrayList<>();
        List<Tombstone> tombstones = new ArrayList<>();
        for (var change : page.changes()) {
            String id = GlobalId.encode(change.type(), change.key());
            if (change.deletedAt() != null) {
                tombstones.add(new Tombstone(change.type(), id, change.deletedAt()));
            } else if (loaded.containsKey(id)) {
                // A node missing here was deleted after the page was read: its tombstone comes on a later page.
                nodes.add(loaded.get(id));
            }
        }
        return new ChangeSet(nodes, tombstones, page.next().encode(), page.hasMore());
    }
}
