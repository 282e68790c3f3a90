package io.communique.graphql;

import io.communique.model.StatementKind;
import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CreateStatementInput")
@Description("A new statement: a span of a source document, said or reported at a dialogue. Its text is the document's text at [`start`, `end`).")
public record CreateStatementInput(
        @NonNull @Id @Description("Global ID of the Dialogue it was made or reported at.") String dialogueId,
        @NonNull @Id @Description("Global ID of the SourceDocument it is taken from.") String documentId,
        @NonNull @Description("Offset of its first character in the document's text, in Unicode code points.") Integer start,
        @NonNull @Description("Offset just past its last character; after `start`, at most the document's length.") Integer end,
        @Description("The statement's text, as a check: if given it must equal the document's text at the span. Left out, it is taken from the document.") String text,
        @NonNull @Description("How the source reports it.") StatementKind kind,
        @Description("Global IDs of the Officials it is attributed to, at most 100, each once.") @Nullable List<@NonNull String> speakerIds,
        @Description("Global IDs of the Nations it speaks for.") @Nullable List<@NonNull String> nationIds,
        @Description("Global IDs of the Topics it is about.") @Nullable List<@NonNull String> topicIds,
        @Description("Global IDs of the Subjects it mentions.") @Nullable List<@NonNull String> subjectIds,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
