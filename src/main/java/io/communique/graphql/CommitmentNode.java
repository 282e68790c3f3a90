package io.communique.graphql;

import io.communique.model.Commitment;
import io.communique.model.CommitmentKind;
import io.communique.model.CommitmentStatus;
import io.communique.relay.GlobalId;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Commitment")
@Description("A specific, future-oriented promise made at a dialogue, tracked through a dated status history.")
public final class CommitmentNode implements Node, SearchResult {
    static final String TYPE = "Commitment";
    private final Commitment entity;

    CommitmentNode(Commitment entity) {
        this.entity = entity;
    }

    long key() {
        return entity.id;
    }

    @Override
    @Id
    @NonNull
    @Description(Node.ID_DESCRIPTION)
    public String getId() {
        return GlobalId.encode(TYPE, entity.id);
    }

    @Override
    @NonNull
    @Description(Node.CREATED_AT_DESCRIPTION)
    public OffsetDateTime getCreatedAt() {
        return entity.createdAt;
    }

    @Override
    @NonNull
    @Description(Node.UPDATED_AT_DESCRIPTION)
    public OffsetDateTime getUpdatedAt() {
        return entity.updatedAt;
    }

    @NonNull
    @Description("Short title, e.g. `Supply of MQ-9B drones to India`.")
    public String getTitle() {
        return entity.title;
    }

    @NonNull
    @Description("What was promised, in a sentence or two.")
    public String getDescription() {
        return entity.description;
    }

    @NonNull
    @Description("What sort of promise this is.")
    public CommitmentKind getKind() {
        return entity.kind;
    }

    @NonNull
    @Description("Bumped by every change to the commitment; pass it as `expectedVersion` when you write.")
    public Integer getVersion() {
        return entity.version;
    }

    @NonNull
    @Description("Current status: the status of the last entry of `statusHistory`.")
    public CommitmentStatus getStatus() {
        return entity.status;
    }
}
