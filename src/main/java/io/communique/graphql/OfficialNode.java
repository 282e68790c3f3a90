package io.communique.graphql;

import io.communique.model.Official;
import io.communique.relay.GlobalId;
import java.util.List;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Official")
@Description("A person who acts for a nation: a head of government, a minister, a secretary.")
public final class OfficialNode implements Node, SearchResult {
    static final String TYPE = "Official";
    private final Official entity;

    OfficialNode(Official entity) {
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
    @Description("Canonical name, e.g. `Antony J. Blinken`.")
    public String getName() {
        return entity.name;
    }

    @NonNull
    @Description("Other names and spellings met in sources, e.g. `Anthony Blinken`.")
    public List<@NonNull String> getOtherNames() {
        return List.copyOf(entity.otherNames);
    }

    @NonNull
    @Description("Bumped by every change; pass it as `expectedVersion` when you write.")
    public Integer getVersion() {
        return entity.version;
    }
}
