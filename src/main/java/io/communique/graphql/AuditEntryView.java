package io.communique.graphql;

import io.communique.model.AuditEntry;
import io.communique.relay.GlobalId;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One write in the append-only audit trail. Who made it ({@code actor}) is shown to admins only. */
@Type("AuditEntry")
@Description("One write to the record: when, what, which node, and the node's values before and after. Entries are never changed or removed.")
public final class AuditEntryView {
    private final AuditEntry entity;

    AuditEntryView(AuditEntry entity) {
        this.entity = entity;
    }

    @NonNull
    @Description("When the write was committed.")
    public OffsetDateTime getOccurredAt() {
        return entity.occurredAt;
    }

    @NonNull
    @Description("The mutation that wrote, e.g. `updateCommitmentStatus`.")
    public String getAction() {
        return entity.action;
    }

    @Id
    @NonNull
    @Description("Global ID of the node written, for `node(id:)`.")
    public String getNodeId() {
        return GlobalId.encode(entity.nodeType, entity.nodeKey);
    }

    @Description("The values the write changed, as they were before it, as a JSON object; null for a node it created.")
    public String getBefore() {
        return entity.before;
    }

    @Description("The values the write changed, as they are after it, as a JSON object.")
    public String getAfter() {
        return entity.after;
    }

    String actor() {
        return entity.actor;
    }
}
