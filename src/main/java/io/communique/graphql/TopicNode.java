package io.communique.graphql;

import io.communique.model.Topic;
import io.communique.relay.GlobalId;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Topic")
@Description("A policy area that statements and commitments are about, e.g. defence or semiconductors.")
public final class TopicNode implements Node, SearchResult {
    static final String TYPE = "Topic";
    private final Topic entity;

    TopicNode(Topic entity) {
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
    @Description("URL-safe identifier, e.g. `critical-minerals`.")
    public String getSlug() {
        return entity.slug;
    }

    @NonNull
    @Description("Display name, e.g. `Critical minerals`.")
    public String getName() {
        return entity.name;
    }
}
