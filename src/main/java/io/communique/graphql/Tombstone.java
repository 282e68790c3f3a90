package io.communique.graphql;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Tombstone")
@Description("A node that was deleted: drop it from your local copy.")
public final class Tombstone {
    private final String type;
    private final String id;
    private final OffsetDateTime deletedAt;

    Tombstone(String type, String id, OffsetDateTime deletedAt) {
        this.type = type;
        this.id = id;
        this.deletedAt = deletedAt;
    }

    @NonNull
    @Description("GraphQL type name of the deleted node, e.g. `Commitment`.")
    public String getType() {
        return type;
    }

    @Id
    @NonNull
    @Description("Global ID the deleted node had.")
    public String getId() {
        return id;
    }

    @NonNull
    @Description("When the node was deleted.")
    public OffsetDateTime getDeletedAt() {
        return deletedAt;
    }
}
