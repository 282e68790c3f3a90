package io.communique.graphql;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** Relay's Node: anything with a global id that {@code node(id:)} can fetch again. */
@Description("An object with a global ID, which `node(id:)` and `nodes(ids:)` resolve.")
public interface Node {
    /** Shared by every implementation, which must repeat the field's annotations: SmallRye does not inherit them. */
    String ID_DESCRIPTION = "Opaque global ID of this object. Stable across restarts and re-seeding; treat it as opaque.";

    @Id
    @NonNull
    @Description(ID_DESCRIPTION)
    String getId();

    String CREATED_AT_DESCRIPTION = "When this object was first stored (set by the database).";
    String UPDATED_AT_DESCRIPTION = "When this object, or a part of it that is not a node of its own (an office, a party, a"
            + " topic link...), last changed. Informational: sync with `changes(since:)`, not by comparing timestamps.";

    @NonNull
    @Description(CREATED_AT_DESCRIPTION)
    OffsetDateTime getCreatedAt();

    @NonNull
    @Description(UPDATED_AT_DESCRIPTION)
    OffsetDateTime getUpdatedAt();
}
