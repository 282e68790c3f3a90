package io.communique.graphql;

import io.communique.live.AsCommitted;
import io.communique.model.Commitment;
import io.communique.model.CommitmentKind;
import io.communique.model.CommitmentStatus;
import io.communique.model.StatusEntry;
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
    /** Set for the commitment of a status event: its state at that entry's commit, which the entity may have moved past. */
    private final AsCommitted committed;

    CommitmentNode(Commitment entity) {
        this(entity, null);
    }

    /** The commitment of a status event, as the entry's transaction left it (README, "Live updates"). */
    CommitmentNode(Commitment entity, AsCommitted committed) {
        this.entity = entity;
        this.committed = committed;
    }

    long key() {
        return entity.id;
    }

    /** Whether {@code statusHistory} shows this entry: of an event's commitment, only those committed by then. */
    boolean shows(StatusEntry entry) {
        return committed == null || entry.id <= committed.lastEntry();
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
        return committed != null ? committed.updatedAt() : entity.updatedAt;
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
        return committed != null ? committed.version() : entity.version;
    }

    @NonNull
    @Description("Current status: the status of the last entry of `statusHistory`.")
    public CommitmentStatus getStatus() {
        return committed != null ? committed.status() : entity.status;
    }
}
