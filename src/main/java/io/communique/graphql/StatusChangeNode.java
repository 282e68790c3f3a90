package io.communique.graphql;

import io.communique.model.CommitmentStatus;
import io.communique.model.StatusEntry;
import io.communique.relay.GlobalId;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommitmentStatusChange")
@Description("A dated assessment of a commitment's status, with the statement that evidences it. Entries are never rewritten.")
public final class StatusChangeNode implements Node {
    static final String TYPE = "CommitmentStatusChange";
    private final StatusEntry entity;

    StatusChangeNode(StatusEntry entity) {
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
    @Description("The status as of `asOf`.")
    public CommitmentStatus getStatus() {
        return entity.status;
    }

    @NonNull
    @Description("The date the status held on.")
    public LocalDate getAsOf() {
        return entity.asOf;
    }

    @NonNull
    @Description("When the entry was recorded.")
    public OffsetDateTime getRecordedAt() {
        return entity.recordedAt;
    }

    @Description("Why the status was assessed so.")
    public String getNote() {
        return entity.note;
    }
}
