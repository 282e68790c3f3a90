package io.communique.graphql;

import io.communique.model.Statement;
import io.communique.model.StatementKind;
import io.communique.relay.GlobalId;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Statement")
@Description("Something said or reported at a dialogue, verbatim from a source document.")
public final class StatementNode implements Node, SearchResult {
    static final String TYPE = "Statement";
    private final Statement entity;

    StatementNode(Statement entity) {
        this.entity = entity;
    }

    long key() {
        return entity.id;
    }

    Statement entity() {
        return entity;
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
    @Description("The statement's text, exactly as it stands in its source document at `source`.")
    public String getText() {
        return entity.text;
    }

    @NonNull
    @Description("How the source reports it: a summary, a reported remark, a direct quote or a joint position.")
    public StatementKind getKind() {
        return entity.kind;
    }

    @NonNull
    @Description("Bumped by every change; pass it as `expectedVersion` when you write.")
    public Integer getVersion() {
        return entity.version;
    }
}
