package io.communique.graphql;

import io.communique.model.SourceDocument;
import io.communique.relay.GlobalId;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("SourceDocument")
@Description("A published text that statements are taken from, kept verbatim.")
public final class SourceDocumentNode implements Node {
    static final String TYPE = "SourceDocument";
    private final SourceDocument entity;

    SourceDocumentNode(SourceDocument entity) {
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
    @Description("Title of the document.")
    public String getTitle() {
        return entity.title;
    }

    @Description("Who published it, when known.")
    public String getPublisher() {
        return entity.publisher;
    }

    @Description("Where it was published, when known.")
    public String getUrl() {
        return entity.url;
    }

    @NonNull
    @Description("Publication date.")
    public LocalDate getPublishedOn() {
        return entity.publishedOn;
    }

    @NonNull
    @Description("The full text, verbatim. Statement spans are offsets into it, counted in Unicode code points.")
    public String getText() {
        return entity.content;
    }

    @NonNull
    @Description("Length of `text` in Unicode code points.")
    public Integer getLength() {
        return entity.content.codePointCount(0, entity.content.length());
    }

    @NonNull
    @Description("Bumped by every change; pass it as `expectedVersion` when you write.")
    public Integer getVersion() {
        return entity.version;
    }
}
