package io.communique.graphql;

import io.communique.model.StatementKind;
import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("UpdateStatementInput")
@Description("A change to a statement. A field left out (or null) stays as it is; a list given replaces the whole list. A new span (or document) takes the text from the document again.")
public record UpdateStatementInput(
        @NonNull @Id @Description("Global ID of the Statement.") String statementId,
        @Description(EditorialArgs.EXPECTED_VERSION) Integer expectedVersion,
        @Id @Description("Global ID of the Dialogue it was made or reported at.") String dialogueId,
        @Id @Description("Global ID of the SourceDocument it is taken from.") String documentId,
        @Description("New start offset, in Unicode code points.") Integer start,
        @Description("New end offset (exclusive).") Integer end,
        @Description("The statement's text, as a check: if given it must equal the document's text at the (new) span.") String text,
        @Description("How the source reports it.") StatementKind kind,
        @Description("Global IDs of the Officials it is attributed to; replaces them all.") @Nullable List<@NonNull String> speakerIds,
        @Description("Global IDs of the Nations it speaks for; replaces them all.") @Nullable List<@NonNull String> nationIds,
        @Description("Global IDs of the Topics it is about; replaces them all.") @Nullable List<@NonNull String> topicIds,
        @Description("Global IDs of the Subjects it mentions; replaces them all.") @Nullable List<@NonNull String> subjectIds,
        @Description(EditorialArgs.CLIENT_MUTATION_ID) String clientMutationId) {
}
