package io.communique.graphql;

import io.communique.model.Dialogue;
import io.communique.relay.GlobalId;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Dialogue")
@Description("One meeting of a diplomatic format, e.g. the fifth India-US 2+2 Ministerial Dialogue.")
public final class DialogueNode implements Node, SearchResult {
    static final String TYPE = "Dialogue";
    private final Dialogue entity;

    DialogueNode(Dialogue entity) {
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
    @Description("Title of the meeting.")
    public String getTitle() {
        return entity.title;
    }

    @NonNull
    @Description("The format the meeting belongs to, e.g. `2+2 Ministerial Dialogue`.")
    public String getFormat() {
        return entity.format;
    }

    @Description("Which meeting of its format this is (5 for the fifth), when known.")
    public Integer getEdition() {
        return entity.edition;
    }

    @NonNull
    @Description("Date the meeting was held.")
    public LocalDate getHeldOn() {
        return entity.heldOn;
    }

    @NonNull
    @Description("Where the meeting was held, e.g. `New Delhi`.")
    public String getPlace() {
        return entity.place;
    }

    @NonNull
    @Description("Bumped by every change; pass it as `expectedVersion` when you write.")
    public Integer getVersion() {
        return entity.version;
    }
}
