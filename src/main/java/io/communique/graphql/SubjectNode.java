package io.communique.graphql;

import io.communique.model.Subject;
import io.communique.model.SubjectKind;
import io.communique.relay.GlobalId;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Subject")
@Description("Something statements mention or commitments bind: a country, region, organisation, company, system or event.")
public final class SubjectNode implements Node, Party, SearchResult {
    static final String TYPE = "Subject";
    private final Subject entity;

    SubjectNode(Subject entity) {
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
    @Description("URL-safe identifier, e.g. `mq-9b`.")
    public String getSlug() {
        return entity.slug;
    }

    @NonNull
    @Description("Display name, e.g. `MQ-9B drone`.")
    public String getName() {
        return entity.name;
    }

    @NonNull
    @Description("What sort of thing this is.")
    public SubjectKind getKind() {
        return entity.kind;
    }
}
