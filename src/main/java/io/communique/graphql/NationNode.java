package io.communique.graphql;

import io.communique.model.Nation;
import io.communique.relay.GlobalId;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Nation")
@Description("A sovereign state taking part in dialogues, identified by its ISO 3166-1 alpha-2 code.")
public final class NationNode implements Node, Party, SearchResult {
    static final String TYPE = "Nation";
    private final Nation entity;

    NationNode(Nation entity) {
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
    @Description("ISO 3166-1 alpha-2 code, e.g. `IN`, `US`.")
    public String getCode() {
        return entity.code;
    }

    @NonNull
    @Description("Short English name, e.g. `India`.")
    public String getName() {
        return entity.name;
    }

    @NonNull
    @Description("Other names it goes by in sources, e.g. `USA`, `America`; search finds the nation by them.")
    public List<@NonNull String> getOtherNames() {
        return List.copyOf(entity.otherNames);
    }
}
