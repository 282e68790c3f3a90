package io.communique.graphql;

import io.communique.service.Editorial;
import io.communique.service.Editorial.CommitmentChange;
import io.communique.service.Editorial.DialogueChange;
import io.communique.service.Editorial.DocumentChange;
import io.communique.service.Editorial.NewOffice;
import io.communique.service.Editorial.OfficialChange;
import io.communique.service.Editorial.ParticipantSpec;
import io.communique.service.Editorial.PartySpec;
import io.communique.service.Editorial.StatementChange;
import io.communique.relay.GlobalId;
import io.smallrye.graphql.api.Context;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Editorial writes: creating and changing the record's nodes. Resolvers only map inputs to the
 * {@link Editorial} service (which checks roles, values and ids, and writes in one transaction) and
 * its results to payloads. Ids are passed on undecoded so that the role check comes first.
 */
@GraphQLApi
public class EditorialMutationApi {

    private static final String WRITES_NOTHING = " Refused with `UNAUTHENTICATED`/`FORBIDDEN` without the role,"
            + " `BAD_USER_INPUT` (naming the argument path) for a bad value or unknown id, `CONFLICT` for a stale"
            + " `expectedVersion`; a refused write writes nothing. Every write is in the audit trail.";

    private static final String UNCHANGED = " An update whose values all equal the stored ones (a field left out counts as"
            + " equal; a list of links in any order, `otherNames` in its order) changes nothing: it returns the node as"
            + " stored, with the same `version` and `updatedAt`, no audit entry and nothing new in `changes`. A stale"
            + " `expectedVersion` is still `CONFLICT`.";

    private final Editorial editorial;
    private final Context context;

    public EditorialMutationApi(Editorial editorial, Context context) {
        this.editorial = editorial;
        this.context = context;
    }

    @Mutation("createDialogue")
    @Description("Records a dialogue with its nations and participants (editor role)." + WRITES_NOTHING)
    public DialoguePayload createDialogue(
            @NonNull @Name("input") @Description("The dialogue.") CreateDialogueInput input) {
        var dialogue = editorial.createDialogue(new DialogueChange(null, null, input.title(), input.format(), input.edition(),
                input.heldOn(), input.place(), input.nationIds(), participants(input.participants()), Set.of()));
        return new DialoguePayload(new DialogueNode(dialogue), input.clientMutationId());
    }

    @Mutation("updateDialogue")
    @Description("Changes a dialogue (editor role)." + WRITES_NOTHING + UNCHANGED)
    public DialoguePayload updateDialogue(
            @NonNull @Name("input") @Description("The dialogue and what changes.") UpdateDialogueInput input) {
        var dialogue = editorial.updateDialogue(new DialogueChange(input.dialogueId(), input.expectedVersion(), input.title(),
                input.format(), input.edition(), input.heldOn(), input.place(), input.nationIds(), participants(input.participants()),
                ClearedFields.of(context, "edition")));
        return new DialoguePayload(new DialogueNode(dialogue), input.clientMutationId());
    }

    @Mutation("createOfficial")
    @Description("Records an official, with the office they hold if known (editor role)." + WRITES_NOTHING)
    public OfficialPayload createOfficial(
            @NonNull @Name("input") @Description("The official.") CreateOfficialInput input) {
        var official = editorial.createOfficial(new OfficialChange(null, null, input.name(), input.otherNames(),
                input.nationId(), office(input.office())));
        return new OfficialPayload(new OfficialNode(official), input.clientMutationId());
    }

    @Mutation("updateOfficial")
    @Description("Changes an official, or gives them a new office (`newOffice`): the offices they hold end on its start date and stay in their history (editor role)." + WRITES_NOTHING + UNCHANGED)
    public OfficialPayload updateOfficial(
            @NonNull @Name("input") @Description("The official and what changes.") UpdateOfficialInput input) {
        var official = editorial.updateOfficial(new OfficialChange(input.officialId(), input.expectedVersion(), input.name(),
                input.otherNames(), input.nationId(), office(input.newOffice())));
        return new OfficialPayload(new OfficialNode(official), input.clientMutationId());
    }

    @Mutation("createSourceDocument")
    @Description("Stores a source document verbatim (editor role)." + WRITES_NOTHING)
    public SourceDocumentPayload createSourceDocument(
            @NonNull @Name("input") @Description("The document.") CreateSourceDocumentInput input) {
        var document = editorial.createSourceDocument(new DocumentChange(null, null, input.title(), input.url(),
                input.publisher(), input.publishedOn(), input.text(), Set.of()));
        return new SourceDocumentPayload(new SourceDocumentNode(document), input.clientMutationId());
    }

    @Mutation("updateSourceDocument")
    @Description("Changes a source document (editor role). A new text that would move any statement's passage away from its span is refused with `BAD_USER_INPUT`." + WRITES_NOTHING + UNCHANGED)
    public SourceDocumentPayload updateSourceDocument(
            @NonNull @Name("input") @Description("The document and what changes.") UpdateSourceDocumentInput input) {
        var document = editorial.updateSourceDocument(new DocumentChange(input.sourceDocumentId(), input.expectedVersion(),
                input.title(), input.url(), input.publisher(), input.publishedOn(), input.text(),
                ClearedFields.of(context, "url", "publisher")));
        return new SourceDocumentPayload(new SourceDocumentNode(document), input.clientMutationId());
    }

    @Mutation("createStatement")
    @Description("Records a statement as a span of a source document; its text is the document's text at the span (editor role). The document's statements are renumbered in span order." + WRITES_NOTHING)
    public StatementPayload createStatement(
            @NonNull @Name("input") @Description("The statement.") CreateStatementInput input) {
        var statement = editorial.createStatement(new StatementChange(null, null, input.dialogueId(), input.documentId(),
                input.start(), input.end(), input.text(), input.kind(), input.speakerIds(), input.nationIds(),
                input.topicIds(), input.subjectIds()));
        return new StatementPayload(new StatementNode(statement), input.clientMutationId());
    }

    @Mutation("updateStatement")
    @Description("Changes a statement (editor role); a new span takes the text from the document again." + WRITES_NOTHING + UNCHANGED)
    public StatementPayload updateStatement(
            @NonNull @Name("input") @Description("The statement and what changes.") UpdateStatementInput input) {
        var statement = editorial.updateStatement(new StatementChange(input.statementId(), input.expectedVersion(),
                input.dialogueId(), input.documentId(), input.start(), input.end(), input.text(), input.kind(),
                input.speakerIds(), input.nationIds(), input.topicIds(), input.subjectIds()));
        return new StatementPayload(new StatementNode(statement), input.clientMutationId());
    }

    @Mutation("deleteStatement")
    @Description("Deletes a statement that no commitment links and no status entry cites (admin role); the deletion is audited." + WRITES_NOTHING)
    public DeleteStatementPayload deleteStatement(
            @NonNull @Name("input") @Description("The statement to delete.") DeleteStatementInput input) {
        long key = editorial.deleteStatement(input.statementId(), input.expectedVersion());
        return new DeleteStatementPayload(GlobalId.encode(StatementNode.TYPE, key), input.clientMutationId());
    }

    @Mutation("createCommitment")
    @Description("Records a commitment made by a statement of its dialogue, with its parties, topics and reaffirming statements; its status history starts with one entry (editor role)." + WRITES_NOTHING)
    public CommitmentPayload createCommitment(
            @NonNull @Name("input") @Description("The commitment.") CreateCommitmentInput input) {
        var commitment = editorial.createCommitment(new CommitmentChange(null, null, input.dialogueId(), input.title(),
                input.description(), input.kind(), input.status(), parties(input.parties()), input.topicIds(),
                input.madeById(), input.reaffirmedByIds()));
        return new CommitmentPayload(new CommitmentNode(commitment), input.clientMutationId());
    }

    @Mutation("updateCommitment")
    @Description("Changes a commitment's title, description, kind, parties, topics or statements (editor role); its status changes with `updateCommitmentStatus`." + WRITES_NOTHING + UNCHANGED)
    public CommitmentPayload updateCommitment(
            @NonNull @Name("input") @Description("The commitment and what changes.") UpdateCommitmentInput input) {
        var commitment = editorial.updateCommitment(new CommitmentChange(input.commitmentId(), input.expectedVersion(), null,
                input.title(), input.description(), input.kind(), null, parties(input.parties()), input.topicIds(),
                input.madeById(), input.reaffirmedByIds()));
        return new CommitmentPayload(new CommitmentNode(commitment), input.clientMutationId());
    }

    private static List<ParticipantSpec> participants(List<DialogueParticipantInput> inputs) {
        return inputs == null ? null
                : inputs.stream().map(p -> p == null ? null : new ParticipantSpec(p.officialId(), p.role())).toList();
    }

    private static NewOffice office(OfficeInput input) {
        return input == null ? null : new NewOffice(input.title(), input.startedOn());
    }

    private static List<PartySpec> parties(List<CommitmentPartyInput> inputs) {
        return inputs == null ? null
                : inputs.stream().map(p -> p == null ? null : new PartySpec(p.nationId(), p.organizationId(), p.role())).toList();
    }
}
