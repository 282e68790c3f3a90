package io.communique.graphql;

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
}
